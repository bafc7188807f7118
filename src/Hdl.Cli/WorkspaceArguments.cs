using System.Collections.Immutable;
using System.CommandLine;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Filelists;
using Hdl.Workspace.Index;
using Hdl.Workspace.Storage;

namespace Hdl.Cli;

/// <summary>The workspace a command runs on, as the user gave it: roots, include dirs, defines, filelists.</summary>
internal sealed record WorkspaceRequest(
    string[] Roots,
    string[] IncludeDirectories,
    string[] Defines,
    string[] Filelists,
    string[] FilelistsRelativeToThemselves,
    LanguageVersion VhdlVersion,
    string? IndexDirectory,
    bool NoPersistedIndex);

/// <summary>The inputs gathered from a request, ready for <see cref="WorkspaceIndex.Build"/>.</summary>
internal sealed record GatheredWorkspace(
    WorkspaceRequest Request,
    string Root,
    ImmutableArray<string> Files,
    WorkspaceIndexOptions Options,
    bool IncludeDirectoriesInferred,
    ImmutableArray<FilelistWarning> FilelistWarnings,
    ImmutableArray<string> UsageProblems)
{
    /// <summary>Top units named in hdl.json, used when the command line names none.</summary>
    public ImmutableArray<string> Tops { get; init; } = [];
}

/// <summary>
/// The options `hdl index` and `hdl hierarchy` share, and the gathering of inputs from them: folders are discovered,
/// headers (.svh, .vh) are not analysed on their own, and with no -I the folders holding headers become the
/// include directories (zero configuration).
/// </summary>
internal sealed class WorkspaceArguments
{
    private readonly Argument<string[]> _roots = new("ROOT")
    {
        Description = "Files or folders of the workspace (default: the current folder when no filelist is given).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> _includeDirectories = new("--include-dir", "-I")
    {
        Description = "Folder searched for `include files (repeatable). Without one, folders holding .svh/.vh files are used.",
        HelpName = "DIR",
    };

    private readonly Option<string[]> _defines = new("--define", "-D") { Description = "Macro NAME or NAME=VALUE (repeatable).", HelpName = "NAME[=VALUE]" };

    private readonly Option<string[]> _filelists = new("--filelist", "-f")
    {
        Description = "Simulator filelist (.f), relative paths from the current folder (repeatable).",
        HelpName = "FILELIST",
    };

    private readonly Option<string[]> _filelistsRelative = new("-F") { Description = "Filelist whose relative paths are from its own folder (repeatable).", HelpName = "FILELIST" };

    private readonly Option<string> _standard = new("--std") { Description = "VHDL edition: 93 or 2008.", DefaultValueFactory = _ => "2008" };

    private readonly Option<string> _indexDirectory = new("--index-dir")
    {
        Description = "Folder of the persisted index (default: .hdl under the workspace root).",
        HelpName = "DIR",
    };

    private readonly Option<bool> _noIndex = new("--no-index") { Description = "Analyse every file and neither read nor write the persisted index." };

    public WorkspaceArguments()
    {
        _standard.AcceptOnlyFromAmong("93", "2008");
        _roots.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value.Length > 1)
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(_roots);
        command.Options.Add(_includeDirectories);
        command.Options.Add(_defines);
        command.Options.Add(_filelists);
        command.Options.Add(_filelistsRelative);
        command.Options.Add(_standard);
        command.Options.Add(_indexDirectory);
        command.Options.Add(_noIndex);
    }

    public WorkspaceRequest Read(ParseResult parseResult) => new(
        parseResult.GetValue(_roots) ?? [],
        parseResult.GetValue(_includeDirectories) ?? [],
        parseResult.GetValue(_defines) ?? [],
        parseResult.GetValue(_filelists) ?? [],
        parseResult.GetValue(_filelistsRelative) ?? [],
        parseResult.GetValue(_standard) == "93" ? LanguageVersion.Vhdl1993 : LanguageVersion.Vhdl2008,
        parseResult.GetValue(_indexDirectory),
        parseResult.GetValue(_noIndex));

    public static GatheredWorkspace Gather(WorkspaceRequest request)
    {
        var usageProblems = ImmutableArray.CreateBuilder<string>();
        var roots = request.Roots.Length == 0 && request.Filelists.Length == 0 && request.FilelistsRelativeToThemselves.Length == 0
            ? ["."]
            : request.Roots;
        var root = roots.Length > 0 && Directory.Exists(roots[0]) ? roots[0] : ".";

        // hdl.json comes first so the command line adds to it (and a define given on the command line wins).
        var sources = WorkspaceSources.Gather(
            new WorkspaceSourceRequest
            {
                Root = root,
                Paths = [.. roots],
                PathsAreDefault = request.Roots.Length == 0,
                IncludeDirectories = [.. request.IncludeDirectories],
                Defines = [.. request.Defines.Select(ParseDefine)],
                Filelists = [.. request.Filelists],
                FilelistsRelativeToThemselves = [.. request.FilelistsRelativeToThemselves],
            },
            CancellationToken.None);
        usageProblems.AddRange(sources.ConfigurationErrors.Select(error => error.ToString()));
        usageProblems.AddRange(sources.Problems);
        return new GatheredWorkspace(
            request,
            root,
            sources.Files,
            sources.IndexOptions(request.VhdlVersion, Environment.ProcessorCount),
            sources.IncludeDirectoriesInferred,
            sources.FilelistWarnings,
            usageProblems.ToImmutable())
        {
            Tops = sources.Tops,
        };
    }

    /// <summary>Include dirs, defines (`NAME` or `NAME=VALUE`) and filelists from the command line.</summary>
    public static SourceInputs ReadInputs(
        string[] includeDirectories,
        string[] defines,
        string[] filelists,
        string[] filelistsRelativeToThemselves,
        ICollection<string> usageProblems,
        ICollection<FilelistWarning> filelistWarnings) =>
        WorkspaceSources.ReadInputs([.. includeDirectories], [.. defines.Select(ParseDefine)], [.. filelists], [.. filelistsRelativeToThemselves], usageProblems, filelistWarnings);

    /// <summary>Builds the index, showing a progress line on an interactive terminal.</summary>
    public static WorkspaceIndex BuildIndex(GatheredWorkspace workspace, bool showProgress) =>
        OpenIndex(workspace, showProgress).Index;

    /// <summary>
    /// The index of the workspace: loaded from the persisted index under the root (files changed since are analysed
    /// again, and the index is brought up to date), or built from scratch with --no-index. What the persisted index
    /// reports (rebuilt, locked) goes to stderr.
    /// </summary>
    public static PersistentIndexResult OpenIndex(GatheredWorkspace workspace, bool showProgress)
    {
        var progress = showProgress && !Console.IsErrorRedirected ? new ConsoleProgress() : null;
        PersistentIndexResult result;
        if (workspace.Request.NoPersistedIndex)
        {
            var index = WorkspaceIndex.Build(workspace.Files, workspace.Options, new DiskSourceFileReader(), new DiskIncludeSource(), progress, CancellationToken.None);
            result = new PersistentIndexResult(index, Warm: false, []);
        }
        else
        {
            var database = IndexDatabase.ForWorkspace(workspace.Root, workspace.Request.IndexDirectory);
            result = PersistentIndex.Open(database, workspace.Files, workspace.Options, new DiskSourceFileReader(), new DiskIncludeSource(), progress, CancellationToken.None);
        }

        progress?.Finish();
        foreach (var message in result.Messages)
        {
            Console.Error.WriteLine($"hdl: warning: {message}");
        }

        return result;
    }

    /// <summary>`path:line:col: severity ID: message`, or `hdl: severity ID: message` for a diagnostic with no place.</summary>
    public static string Format(Diagnostic diagnostic) =>
        string.IsNullOrEmpty(diagnostic.Location.Path)
            ? $"hdl: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.Message}"
            : diagnostic.ToString();

    private static MacroDefine ParseDefine(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new MacroDefine(text, null) : new MacroDefine(text[..equals], text[(equals + 1)..]);
    }

    /// <summary>One line on stderr, rewritten in place at most every 100 ms, cleared at the end.</summary>
    private sealed class ConsoleProgress : IProgress<IndexProgress>
    {
        private readonly Lock _lock = new();
        private long _lastWriteTicks;

        public void Report(IndexProgress value)
        {
            var now = Environment.TickCount64;
            lock (_lock)
            {
                if (now - _lastWriteTicks < 100 && value.FilesDone != value.FileCount)
                {
                    return;
                }

                _lastWriteTicks = now;
                Console.Error.Write($"\rindexing {value.FilesDone}/{value.FileCount} files");
            }
        }

        public void Finish()
        {
            lock (_lock)
            {
                Console.Error.Write("\r\u001b[K");
            }
        }
    }
}
