using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hdl.Syntax.Diagnostics;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Graph;

namespace Hdl.Cli;

/// <summary>`hdl index`: analyses a workspace (design models, unit table, hierarchy) and prints a summary.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var workspace = new WorkspaceArguments();
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON document." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary, not each diagnostic." };
        var command = new Command("index", "Analyse every HDL file of a workspace and print a summary (files, lines, units, instances, errors, time).");
        workspace.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction(parseResult => Run(workspace.Read(parseResult), parseResult.GetValue(json), parseResult.GetValue(quiet)));
        return command;
    }

    private static int Run(WorkspaceRequest request, bool json, bool quiet)
    {
        var stopwatch = Stopwatch.StartNew();
        var gathered = WorkspaceArguments.Gather(request);
        foreach (var problem in gathered.UsageProblems)
        {
            Console.Error.WriteLine($"hdl: error: {problem}");
        }

        foreach (var warning in gathered.FilelistWarnings)
        {
            Console.Error.WriteLine(warning.ToString());
        }

        var opened = WorkspaceArguments.OpenIndex(gathered, showProgress: !json);
        var index = opened.Index;
        var indexTime = stopwatch.Elapsed;
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = gathered.Tops }, CancellationToken.None);
        var graph = RepositoryGraph.Build(index, CancellationToken.None);
        var bindings = index.Bindings;
        var references = bindings.Counts;
        var elapsed = stopwatch.Elapsed;
        var unitCount = index.Units.All.Length;
        var analysis = hierarchy.Diagnostics.AddRange(bindings.Diagnostics);
        var errors = index.ErrorCount + analysis.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        var warnings = index.WarningCount + analysis.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);

        if (json)
        {
            using var output = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("tool", "hdl");
                writer.WriteString("version", Program.Version);
                writer.WriteStartArray("includeDirectories");
                foreach (var directory in gathered.Options.Preprocessor.IncludeDirectories)
                {
                    writer.WriteStringValue(directory);
                }

                writer.WriteEndArray();
                writer.WriteBoolean("includeDirectoriesInferred", gathered.IncludeDirectoriesInferred);
                writer.WriteStartArray("tops");
                foreach (var top in hierarchy.Tops)
                {
                    writer.WriteStringValue(top.UnitName);
                }

                writer.WriteEndArray();
                writer.WriteStartObject("summary");
                writer.WriteNumber("files", index.Files.Length);
                writer.WriteNumber("lines", index.LineCount);
                writer.WriteNumber("units", unitCount);
                writer.WriteNumber("instances", hierarchy.InstanceCount);
                writer.WriteNumber("graphNodes", graph.NodeCount);
                writer.WriteNumber("graphEdges", graph.EdgeCount);
                writer.WriteNumber("referencesBound", references.Bound);
                writer.WriteNumber("referencesUnbound", references.Unbound);
                writer.WriteNumber("errors", errors);
                writer.WriteNumber("warnings", warnings);
                writer.WriteNumber("indexSeconds", Math.Round(indexTime.TotalSeconds, 3));
                writer.WriteBoolean("warm", opened.Warm);
                writer.WriteNumber("filesAnalysed", index.AnalysedPaths.Length);
                writer.WriteNumber("filesLoaded", opened.LoadedFileCount);
                writer.WriteNumber("indexLoadSeconds", Math.Round(opened.LoadTime.TotalSeconds, 3));
                writer.WriteNumber("indexSaveSeconds", Math.Round(opened.SaveTime.TotalSeconds, 3));
                writer.WriteNumber("indexBytes", opened.DatabaseBytes);
                writer.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }
        else
        {
            if (!quiet)
            {
                foreach (var file in index.Files)
                {
                    if (file.Problem is not null)
                    {
                        Console.WriteLine($"{file.Path}: {(file.ErrorCount > 0 ? "error" : "warning")}: {file.Problem}");
                    }

                    foreach (var diagnostic in file.Diagnostics)
                    {
                        Console.WriteLine(WorkspaceArguments.Format(diagnostic));
                    }
                }

                foreach (var diagnostic in analysis)
                {
                    Console.WriteLine(WorkspaceArguments.Format(diagnostic));
                }
            }

            if (gathered.IncludeDirectoriesInferred)
            {
                Console.WriteLine($"include directories (inferred from header folders): {string.Join(", ", gathered.Options.Preprocessor.IncludeDirectories)}");
            }

            Console.WriteLine($"tops: {string.Join(", ", hierarchy.Tops.Select(top => top.UnitName))}");
            Console.WriteLine($"repository graph: {graph.NodeCount} nodes, {graph.EdgeCount} edges");
            Console.WriteLine($"references: {references.Bound} bound, {references.Unbound} unbound ({references.UnboundNames} plain names, {references.External} of them from libraries or packages not in the workspace), {references.Reported} reported unresolved");
            Console.WriteLine(gathered.Request.NoPersistedIndex
                ? $"index: not persisted (--no-index), {index.AnalysedPaths.Length} files analysed"
                : $"index: {(opened.Warm ? "warm" : "cold")} start, {index.AnalysedPaths.Length} files analysed, {opened.LoadedFileCount} loaded, {FormatSize(opened.DatabaseBytes)} on disk");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"indexed {index.Files.Length} files, {index.LineCount} lines: {unitCount} units, {hierarchy.InstanceCount} instances, {errors} errors, {warnings} warnings in {elapsed.TotalSeconds:0.00} s"));
        }

        if (!gathered.UsageProblems.IsEmpty)
        {
            return Program.ExitUsageError;
        }

        return errors > 0 ? Program.ExitErrorsFound : Program.ExitSuccess;
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1 << 20
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.0} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB");
}
