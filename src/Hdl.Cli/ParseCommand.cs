using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Filelists;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Parsing;

namespace Hdl.Cli;

/// <summary>`hdl parse`: gathers inputs from arguments and filelists, runs <see cref="ParseBatch"/>, renders the result.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or folders to parse; folders expand to every HDL file below them by extension.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var includeDirectories = new Option<string[]>("--include-dir", "-I")
        {
            Description = "Folder searched for `include files, after the including file's folder (repeatable, in order).",
            HelpName = "DIR",
        };
        var defines = new Option<string[]>("--define", "-D")
        {
            Description = "Macro defined before every file, NAME or NAME=VALUE (repeatable).",
            HelpName = "NAME[=VALUE]",
        };
        var filelists = new Option<string[]>("--filelist", "-f")
        {
            Description = "Simulator filelist (.f); its relative paths are relative to the current directory (repeatable).",
            HelpName = "FILELIST",
        };
        var filelistsRelative = new Option<string[]>("-F")
        {
            Description = "Simulator filelist whose relative paths are relative to its own folder (repeatable).",
            HelpName = "FILELIST",
        };
        var standard = new Option<string>("--std")
        {
            Description = "VHDL edition: 93 or 2008.",
            DefaultValueFactory = _ => "2008",
        };
        standard.AcceptOnlyFromAmong("93", "2008");
        // System.CommandLine takes an unknown `--flag` as a path; a usage error names it instead.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value.Length > 1)
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON document (files, diagnostics, summary) instead of text." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not each diagnostic." };

        var command = new Command("parse", "Parse files and report syntax and preprocessor diagnostics.")
        {
            paths, includeDirectories, defines, filelists, filelistsRelative, standard, json, quiet,
        };
        command.SetAction(parseResult => Run(new ParseRequest(
            parseResult.GetValue(paths) ?? [],
            parseResult.GetValue(includeDirectories) ?? [],
            parseResult.GetValue(defines) ?? [],
            parseResult.GetValue(filelists) ?? [],
            parseResult.GetValue(filelistsRelative) ?? [],
            parseResult.GetValue(standard) == "93" ? LanguageVersion.Vhdl1993 : LanguageVersion.Vhdl2008,
            parseResult.GetValue(json),
            parseResult.GetValue(quiet))));
        return command;
    }

    private sealed record ParseRequest(
        string[] Paths,
        string[] IncludeDirectories,
        string[] Defines,
        string[] Filelists,
        string[] FilelistsRelativeToThemselves,
        LanguageVersion VhdlVersion,
        bool Json,
        bool Quiet);

    private static int Run(ParseRequest request)
    {
        var stopwatch = Stopwatch.StartNew();
        var usageProblems = new List<string>();
        var filelistWarnings = new List<FilelistWarning>();
        var inputs = WorkspaceArguments.ReadInputs(request.IncludeDirectories, request.Defines, request.Filelists, request.FilelistsRelativeToThemselves, usageProblems, filelistWarnings);

        var discovered = HdlFileDiscovery.Discover(request.Paths, CancellationToken.None);
        foreach (var missing in discovered.MissingPaths)
        {
            usageProblems.Add($"no such file or directory: '{missing}'");
        }

        inputs = inputs with { Files = inputs.Files.AddRange(discovered.Files) };
        if (request.Paths.Length == 0 && request.Filelists.Length == 0 && request.FilelistsRelativeToThemselves.Length == 0)
        {
            usageProblems.Add("nothing to parse: give files, folders or a filelist (-f)");
        }

        var options = new ParseBatchOptions
        {
            Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = inputs.IncludeDirectories, Defines = inputs.Defines },
            VhdlVersion = request.VhdlVersion,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        };
        var result = ParseBatch.Run(inputs.DistinctFiles(), options, new DiskSourceFileReader(), new DiskIncludeSource(), CancellationToken.None);
        var elapsed = stopwatch.Elapsed;

        var report = new ParseReport(result, [.. filelistWarnings], [.. usageProblems], elapsed);
        if (request.Json)
        {
            foreach (var problem in usageProblems)
            {
                Console.Error.WriteLine($"hdl: error: {problem}");
            }

            using var standardOutput = Console.OpenStandardOutput();
            JsonReportWriter.Write(standardOutput, report, Program.Version);
        }
        else
        {
            // Console.Out flushes every line; a large design can print thousands of diagnostics, so buffer them.
            using var standardOutput = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            TextReportWriter.Write(standardOutput, Console.Error, report, request.Quiet);
        }

        if (usageProblems.Count > 0)
        {
            return Program.ExitUsageError;
        }

        return result.HasErrors ? Program.ExitErrorsFound : Program.ExitSuccess;
    }
}

/// <summary>Everything a renderer needs about one `hdl parse` run.</summary>
internal sealed record ParseReport(
    ParseBatchResult Result,
    ImmutableArray<FilelistWarning> FilelistWarnings,
    ImmutableArray<string> UsageProblems,
    TimeSpan Elapsed)
{
    public double LinesPerSecond => Elapsed.TotalSeconds > 0 ? Result.LineCount / Elapsed.TotalSeconds : 0;
}
