using System.CommandLine;
using System.Text.Json;
using Hdl.Design.DataFlow;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features;

namespace Hdl.Cli;

/// <summary>`hdl drivers`, `hdl loads` and `hdl graph`: data-flow questions about one signal or one unit.</summary>
internal static class DataFlowCommands
{
    public static Command CreateDrivers() => CreateQuery("drivers", "Show what drives a signal (unit.signal or top.instance...signal), crossing instance ports.", towardsDrivers: true);

    public static Command CreateLoads() => CreateQuery("loads", "Show what a signal (unit.signal or top.instance...signal) drives, crossing instance ports.", towardsDrivers: false);

    public static Command CreateGraph()
    {
        var workspace = new WorkspaceArguments();
        var unit = new Option<string>("--unit") { Description = "The unit whose data flow to export.", Required = true, HelpName = "UNIT" };
        var format = new Option<string>("--format") { Description = "dot, mermaid or json.", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid", "json");
        var command = new Command("graph", "Export a unit's data-flow graph (signals and the assignments between them).");
        command.Options.Add(unit);
        command.Options.Add(format);
        workspace.AddTo(command);
        command.SetAction(parseResult => RunGraph(workspace.Read(parseResult), parseResult.GetValue(unit)!, parseResult.GetValue(format)!));
        return command;
    }

    private static Command CreateQuery(string name, string description, bool towardsDrivers)
    {
        var workspace = new WorkspaceArguments();
        var signal = new Argument<string>("SIGNAL") { Description = "unit.signal, or a hierarchical path top.instance...signal." };
        var depth = new Option<int>("--depth") { Description = "How many steps to follow (1: direct only).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON document." };
        var command = new Command(name, description);
        command.Arguments.Add(signal);
        workspace.AddTo(command);
        command.Options.Add(depth);
        command.Options.Add(json);
        command.SetAction(parseResult => RunQuery(workspace.Read(parseResult), parseResult.GetValue(signal)!, Math.Max(1, parseResult.GetValue(depth)), parseResult.GetValue(json), towardsDrivers));
        return command;
    }

    private static int RunQuery(WorkspaceRequest request, string reference, int depth, bool json, bool towardsDrivers)
    {
        var gathered = WorkspaceArguments.Gather(request);
        if (ReportUsageProblems(gathered))
        {
            return Program.ExitUsageError;
        }

        var index = WorkspaceArguments.BuildIndex(gathered, showProgress: !json);
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = gathered.Tops }, CancellationToken.None);
        var flow = new SignalFlow(index);
        var start = flow.Resolve(reference, hierarchy);
        if (start is null)
        {
            Console.Error.WriteLine($"hdl: error: no unit or instance path matches '{reference}' (write unit.signal or top.instance.signal)");
            return Program.ExitUsageError;
        }

        var steps = towardsDrivers ? flow.Drivers(start, depth, CancellationToken.None) : flow.Loads(start, depth, CancellationToken.None);
        if (json)
        {
            WriteJson(writer =>
            {
                writer.WriteString("signal", reference);
                writer.WriteString("unit", start.Unit.Name);
                writer.WriteString("query", towardsDrivers ? "drivers" : "loads");
                writer.WriteStartArray("steps");
                foreach (var step in steps)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("depth", step.Depth);
                    writer.WriteString("instance", step.Path);
                    writer.WriteString("unit", step.UnitName);
                    writer.WriteString("source", step.Edge.Source);
                    writer.WriteString("target", step.Edge.Target);
                    writer.WriteString("kind", step.IsPortConnection ? "port" : step.Edge.Kind.ToString().ToLowerInvariant());
                    writer.WriteString("process", step.Edge.Process);
                    writer.WriteString("clock", step.Edge.Clock?.Signal);
                    writer.WriteString("location", step.Edge.Location.ToString());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
            return Program.ExitSuccess;
        }

        if (steps.IsEmpty)
        {
            Console.WriteLine(towardsDrivers ? $"{reference}: no drivers found" : $"{reference}: no loads found");
        }

        foreach (var step in steps)
        {
            var kind = step.IsPortConnection ? "port" : step.Edge.Kind == DataFlowEdgeKind.Data ? "data" : "control";
            var where = step.IsPortConnection ? $"through {step.Edge.Process}" : step.Edge.Process is null ? "continuous" : $"in {step.Edge.Process}";
            var clock = step.Edge.Clock is null ? string.Empty : $" @{step.Edge.Clock.Edge.ToString().ToLowerInvariant()} {step.Edge.Clock.Signal}";
            Console.WriteLine($"{new string(' ', (step.Depth - 1) * 2)}{step.Path}: {step.Edge.Source} -> {step.Edge.Target} [{kind}] {where}{clock}  {step.Edge.Location}");
        }

        return Program.ExitSuccess;
    }

    private static int RunGraph(WorkspaceRequest request, string unitName, string format)
    {
        var gathered = WorkspaceArguments.Gather(request);
        if (ReportUsageProblems(gathered))
        {
            return Program.ExitUsageError;
        }

        var index = WorkspaceArguments.BuildIndex(gathered, showProgress: false);
        var flow = new SignalFlow(index);
        var unit = flow.FindUnit(unitName);
        if (unit is null)
        {
            Console.Error.WriteLine($"hdl: error: no unit named '{unitName}'");
            return Program.ExitUsageError;
        }

        var graph = flow.GraphOf(unit);
        switch (format)
        {
            case "mermaid":
                Console.Write(DataFlowFormats.ToMermaid(graph));
                break;
            case "json":
                WriteJson(writer =>
                {
                    writer.WriteString("unit", graph.UnitName);
                    writer.WriteStartArray("nodes");
                    foreach (var node in graph.Nodes.OrderBy(node => node.Name, StringComparer.Ordinal))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", node.Name);
                        writer.WriteString("kind", node.Kind.ToString().ToLowerInvariant());
                        writer.WriteString("direction", node.Direction?.ToString().ToLowerInvariant());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("edges");
                    foreach (var edge in graph.Edges)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("source", edge.Source);
                        writer.WriteString("target", edge.Target);
                        writer.WriteString("kind", edge.Kind.ToString().ToLowerInvariant());
                        writer.WriteString("process", edge.Process);
                        writer.WriteString("location", edge.Location.ToString());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
                break;
            default:
                Console.Write(DataFlowFormats.ToDot(graph));
                break;
        }

        return Program.ExitSuccess;
    }

    private static bool ReportUsageProblems(GatheredWorkspace gathered)
    {
        foreach (var problem in gathered.UsageProblems)
        {
            Console.Error.WriteLine($"hdl: error: {problem}");
        }

        return !gathered.UsageProblems.IsEmpty;
    }

    private static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var output = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("tool", "hdl");
            writer.WriteString("version", Program.Version);
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }
}
