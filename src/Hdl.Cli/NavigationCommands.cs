using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;

namespace Hdl.Cli;

/// <summary>`hdl definition` and `hdl references`: where a name at FILE:LINE:COL is declared, and where it is used.</summary>
internal static class NavigationCommands
{
    public static Command CreateDefinition() => Create("definition", "Show where the name at FILE:LINE:COL is declared (with its kind, container and type).", references: false);

    public static Command CreateReferences() => Create("references", "List every use of the name at FILE:LINE:COL across the workspace.", references: true);

    private static Command Create(string name, string description, bool references)
    {
        var workspace = new WorkspaceArguments();
        var position = new Argument<string>("FILE:LINE:COL") { Description = "The file and the one-based line and column of the name." };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON document." };
        var noDeclaration = new Option<bool>("--no-declaration") { Description = "Leave the declaration out of the references." };
        var command = new Command(name, description);
        command.Arguments.Add(position);
        workspace.AddTo(command);
        command.Options.Add(json);
        if (references)
        {
            command.Options.Add(noDeclaration);
        }

        command.SetAction(parseResult => Run(
            workspace.Read(parseResult), parseResult.GetValue(position)!, parseResult.GetValue(json), references, !parseResult.GetValue(noDeclaration)));
        return command;
    }

    private static int Run(WorkspaceRequest request, string target, bool json, bool references, bool includeDeclaration)
    {
        if (!TryParsePosition(target, out var path, out var position))
        {
            Console.Error.WriteLine($"hdl: error: '{target}' is not FILE:LINE:COL (line and column count from 1)");
            return Program.ExitUsageError;
        }

        var gathered = WorkspaceArguments.Gather(request);
        foreach (var problem in gathered.UsageProblems)
        {
            Console.Error.WriteLine($"hdl: error: {problem}");
        }

        if (!gathered.UsageProblems.IsEmpty)
        {
            return Program.ExitUsageError;
        }

        var index = WorkspaceArguments.BuildIndex(gathered, showProgress: !json);
        if (index.GetFile(path) is null)
        {
            Console.Error.WriteLine($"hdl: error: '{path}' is not a file of the workspace");
            return Program.ExitUsageError;
        }

        var symbol = SymbolNavigation.SymbolAt(index, path, position);
        var locations = references
            ? SymbolNavigation.FindReferences(index, path, position, new ReferenceSearchOptions(includeDeclaration), CancellationToken.None)
            : SymbolNavigation.FindDefinition(index, path, position);
        if (json)
        {
            WriteJson(symbol, locations, references);
        }
        else
        {
            if (symbol is not null)
            {
                var container = symbol.ContainerName is null ? string.Empty : $" in {symbol.ContainerName}";
                var type = symbol.TypeText is null ? string.Empty : $": {symbol.TypeText}";
                Console.WriteLine($"{symbol.Name} ({symbol.Kind.ToString().ToLowerInvariant()}{container}){type}");
            }

            foreach (var location in locations)
            {
                Console.WriteLine(location.ToString());
            }
        }

        if (locations.IsEmpty)
        {
            Console.Error.WriteLine($"hdl: no {(references ? "references" : "definition")} found at {target}");
            return Program.ExitErrorsFound;
        }

        return Program.ExitSuccess;
    }

    /// <summary>Splits `FILE:LINE:COL` from the right (paths may hold colons) into a full path and a zero-based position.</summary>
    private static bool TryParsePosition(string text, out string path, out LinePosition position)
    {
        path = string.Empty;
        position = default;
        var columnAt = text.LastIndexOf(':');
        var lineAt = columnAt > 0 ? text.LastIndexOf(':', columnAt - 1) : -1;
        if (lineAt <= 0
            || !int.TryParse(text.AsSpan(lineAt + 1, columnAt - lineAt - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            || !int.TryParse(text.AsSpan(columnAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var column)
            || line < 1 || column < 1)
        {
            return false;
        }

        path = Path.GetFullPath(text[..lineAt]);
        position = new LinePosition(line - 1, column - 1);
        return true;
    }

    private static void WriteJson(NavigationSymbol? symbol, IEnumerable<Location> locations, bool references)
    {
        using var output = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("tool", "hdl");
            writer.WriteString("version", Program.Version);
            writer.WriteString("query", references ? "references" : "definition");
            if (symbol is null)
            {
                writer.WriteNull("symbol");
            }
            else
            {
                writer.WriteStartObject("symbol");
                writer.WriteString("name", symbol.Name);
                writer.WriteString("kind", symbol.Kind.ToString().ToLowerInvariant());
                writer.WriteString("container", symbol.ContainerName);
                writer.WriteString("type", symbol.TypeText);
                writer.WriteString("documentation", symbol.Documentation);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("locations");
            foreach (var location in locations)
            {
                writer.WriteStartObject();
                writer.WriteString("path", location.Path);
                writer.WriteNumber("line", location.Start.Line + 1);
                writer.WriteNumber("column", location.Start.Character + 1);
                writer.WriteNumber("endLine", location.End.Line + 1);
                writer.WriteNumber("endColumn", location.End.Character + 1);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }
}
