using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using Hdl.Syntax.Diagnostics;
using Hdl.Workspace.Elaboration;

namespace Hdl.Cli;

/// <summary>`hdl hierarchy`: the elaborated instance tree under each top, with parameter values and (optionally) port widths.</summary>
internal static class HierarchyCommand
{
    public static Command Create()
    {
        var workspace = new WorkspaceArguments();
        var tops = new Option<string[]>("--top") { Description = "Top unit (repeatable); default: every unit nobody instantiates.", HelpName = "UNIT" };
        var ports = new Option<bool>("--ports") { Description = "List each instance's ports with their widths." };
        var json = new Option<bool>("--json") { Description = "Print the hierarchy as one JSON document." };
        var command = new Command("hierarchy", "Print the elaborated instance hierarchy of a workspace.");
        workspace.AddTo(command);
        command.Options.Add(tops);
        command.Options.Add(ports);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(
            workspace.Read(parseResult), parseResult.GetValue(tops) ?? [], parseResult.GetValue(ports), parseResult.GetValue(json)));
        return command;
    }

    private static int Run(WorkspaceRequest request, string[] tops, bool showPorts, bool json)
    {
        var gathered = WorkspaceArguments.Gather(request);
        foreach (var problem in gathered.UsageProblems)
        {
            Console.Error.WriteLine($"hdl: error: {problem}");
        }

        var index = WorkspaceArguments.BuildIndex(gathered, showProgress: !json);
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = tops.Length > 0 ? [.. tops] : gathered.Tops }, CancellationToken.None);
        foreach (var diagnostic in hierarchy.Diagnostics)
        {
            Console.Error.WriteLine(WorkspaceArguments.Format(diagnostic));
        }

        if (json)
        {
            using var output = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("tool", "hdl");
                writer.WriteString("version", Program.Version);
                writer.WriteStartArray("tops");
                foreach (var top in hierarchy.Tops)
                {
                    WriteNode(writer, top);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("diagnostics");
                foreach (var diagnostic in hierarchy.Diagnostics)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", diagnostic.Id);
                    writer.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
                    writer.WriteString("message", diagnostic.Message);
                    writer.WriteString("location", string.IsNullOrEmpty(diagnostic.Location.Path) ? null : diagnostic.Location.ToString());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            output.WriteByte((byte)'\n');
        }
        else
        {
            Console.WriteLine(HierarchyDump.Render(hierarchy, HierarchyDumpOptions.Default with { ShowPorts = showPorts }));
        }

        if (!gathered.UsageProblems.IsEmpty)
        {
            return Program.ExitUsageError;
        }

        return hierarchy.Diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error) ? Program.ExitErrorsFound : Program.ExitSuccess;
    }

    private static void WriteNode(Utf8JsonWriter writer, HierarchyNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("name", node.Name);
        writer.WriteString("unit", node.UnitName);
        writer.WriteString("resolution", node.Resolution.ToString().ToLowerInvariant());
        writer.WriteString("architecture", node.Architecture?.Name);
        writer.WriteString("definedIn", node.Unit?.Path);
        writer.WriteString("location", node.Location?.ToString());
        writer.WriteString("scope", node.Scope);
        WriteStrings(writer, "loops", node.Loops);
        WriteStrings(writer, "conditions", node.Conditions);
        writer.WriteStartArray("parameters");
        foreach (var parameter in node.Parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("expression", parameter.Expression);
            switch (parameter.Value)
            {
                case { Kind: ConstantKind.Integer } integer:
                    writer.WriteNumber("value", integer.Integer);
                    break;
                case { Kind: ConstantKind.Real } real:
                    writer.WriteNumber("value", real.Real);
                    break;
                case { Kind: ConstantKind.Boolean } boolean:
                    writer.WriteBoolean("value", boolean.Integer != 0);
                    break;
                case { Kind: ConstantKind.String or ConstantKind.Character or ConstantKind.Enumeration } text:
                    writer.WriteString("value", text.Text);
                    break;
                default:
                    writer.WriteNull("value");
                    break;
            }

            writer.WriteBoolean("overridden", parameter.IsOverridden);
            writer.WriteBoolean("local", parameter.IsLocal);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ports");
        foreach (var port in node.Ports)
        {
            writer.WriteStartObject();
            writer.WriteString("name", port.Name);
            writer.WriteString("direction", port.Direction.ToString().ToLowerInvariant());
            writer.WriteString("type", port.Type);
            if (port.Width is { } width)
            {
                writer.WriteNumber("width", width);
            }
            else
            {
                writer.WriteNull("width");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("children");
        foreach (var child in node.Children)
        {
            WriteNode(writer, child);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, ImmutableArray<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
