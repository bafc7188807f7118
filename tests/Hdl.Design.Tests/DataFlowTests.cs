using System.Text;
using Hdl.Design.DataFlow;
using Hdl.Design.Model;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Design.Tests;

/// <summary>
/// Drivers and loads on the example design, each answer checked against the code it comes from
/// (examples/rtl/uart/uart_baud_gen.sv, examples/vhdl/pwm_gen.vhd), plus small fixtures for the rules.
/// </summary>
public class DataFlowTests
{
    [Fact]
    public void Baud_counter_is_reloaded_from_the_divisor_and_decremented_under_reset_and_enable_control()
    {
        // uart_baud_gen.sv lines 28-42: p_baud_counter writes baud_cnt_q four times.
        CheckExampleDrivers("rtl/uart/uart_baud_gen.sv", "uart_baud_gen", "baud_cnt_q", """
            30: rst_ni -control-> baud_cnt_q in p_baud_counter
            33: divisor_i -data-> baud_cnt_q in p_baud_counter
            33: rst_ni -control-> baud_cnt_q in p_baud_counter
            33: en_i -control-> baud_cnt_q in p_baud_counter
            36: divisor_i -data-> baud_cnt_q in p_baud_counter
            36: rst_ni -control-> baud_cnt_q in p_baud_counter
            36: en_i -control-> baud_cnt_q in p_baud_counter
            36: baud_cnt_q -control-> baud_cnt_q in p_baud_counter
            39: baud_cnt_q -data-> baud_cnt_q in p_baud_counter
            39: rst_ni -control-> baud_cnt_q in p_baud_counter
            39: en_i -control-> baud_cnt_q in p_baud_counter
            39: baud_cnt_q -control-> baud_cnt_q in p_baud_counter
            """);
    }

    [Fact]
    public void The_divisor_input_loads_only_the_baud_counter()
    {
        CheckExampleLoads("rtl/uart/uart_baud_gen.sv", "uart_baud_gen", "divisor_i", """
            33: divisor_i -data-> baud_cnt_q in p_baud_counter
            36: divisor_i -data-> baud_cnt_q in p_baud_counter
            """);
    }

    [Fact]
    public void The_tick_is_decided_by_the_counter_reaching_zero()
    {
        CheckExampleDrivers("rtl/uart/uart_baud_gen.sv", "uart_baud_gen", "tick_o", """
            31: rst_ni -control-> tick_o in p_baud_counter
            34: rst_ni -control-> tick_o in p_baud_counter
            34: en_i -control-> tick_o in p_baud_counter
            37: rst_ni -control-> tick_o in p_baud_counter
            37: en_i -control-> tick_o in p_baud_counter
            37: baud_cnt_q -control-> tick_o in p_baud_counter
            40: rst_ni -control-> tick_o in p_baud_counter
            40: en_i -control-> tick_o in p_baud_counter
            40: baud_cnt_q -control-> tick_o in p_baud_counter
            """);
    }

    [Fact]
    public void Vhdl_period_counter_counts_under_reset_clock_and_enable()
    {
        // pwm_gen.vhd lines 39-50: p_counter clears or increments counter_q.
        CheckExampleDrivers("vhdl/pwm_gen.vhd", "rtl", "counter_q", """
            42: rst_n -control-> counter_q in p_counter
            45: rst_n -control-> counter_q in p_counter
            45: enable_i -control-> counter_q in p_counter
            47: counter_q -data-> counter_q in p_counter
            47: rst_n -control-> counter_q in p_counter
            47: enable_i -control-> counter_q in p_counter
            """);
    }

    [Fact]
    public void Vhdl_fan_in_of_the_period_output_reaches_the_counter_in_two_steps()
    {
        var (unit, graph) = LoadExample("vhdl/pwm_gen.vhd", "rtl");
        var cone = graph.FanIn("period_o", maxDepth: 2);
        var text = string.Join("\n", cone.Select(step => $"{step.Depth} {step.Edge.Source}->{step.Edge.Target}").Distinct());
        Assert.Equal("""
            1 wrap->period_o
            2 enable_i->wrap
            2 counter_q->wrap
            """, text);
        Assert.Equal(DataFlowNodeKind.Port, graph.FindNode("PERIOD_O")?.Kind);
        Assert.Equal("pwm_gen", unit.Owner);
    }

    [Fact]
    public void Struct_fields_flow_through_their_signal_and_interface_members_stay_whole()
    {
        var graph = BuildGraph("""
            module m (stream_if.sink s, input logic clk);
              typedef struct packed { logic [7:0] data; logic last; } beat_t;
              beat_t beat;
              logic ready_q;
              always_ff @(posedge clk) begin
                beat.data <= s.data;
                ready_q <= beat.last;
              end
              assign s.ready = ready_q;
            endmodule
            """, "m");
        Assert.Equal("""
            6: s.data -data-> beat in always_ff
            """, Render(graph.DriversOf("beat")));
        Assert.Equal("""
            7: beat -data-> ready_q in always_ff
            """, Render(graph.LoadsOf("beat")));
        Assert.Equal("""
            9: ready_q -data-> s.ready
            """, Render(graph.DriversOf("s.ready")));
        Assert.Equal(".data", graph.DriversOf("beat")[0].TargetSelect);
    }

    [Fact]
    public void Constants_parameters_and_enum_members_are_not_drivers()
    {
        var graph = BuildGraph("""
            module m #(parameter int W = 4) (input logic clk, output logic [W-1:0] q);
              typedef enum logic {A, B} e_t;
              localparam int K = 3;
              e_t st;
              always_ff @(posedge clk) begin
                st <= B;
                q <= K + W;
              end
            endmodule
            """, "m");
        Assert.Empty(graph.DriversOf("st"));
        Assert.Empty(graph.DriversOf("q"));
    }

    [Fact]
    public void Exports_draw_ports_signals_and_dashed_control_edges()
    {
        var graph = BuildGraph("""
            module m (input logic sel, input logic a, output logic y);
              logic t;
              assign t = a;
              assign y = sel ? t : 1'b0;
            endmodule
            """, "m");
        Assert.Equal("""
            digraph "m" {
              rankdir=LR;
              "a" [shape=box, xlabel="in"];
              "sel" [shape=box, xlabel="in"];
              "t" [shape=ellipse];
              "y" [shape=box, xlabel="out"];
              "a" -> "t" [style=solid];
              "t" -> "y" [style=solid];
              "sel" -> "y" [style=dashed];
            }

            """, DataFlowFormats.ToDot(graph));
        Assert.Equal("""
            flowchart LR
              n0["a"]
              n1["sel"]
              n2("t")
              n3["y"]
              n0 --> n2
              n2 --> n3
              n1 -.-> n3

            """, DataFlowFormats.ToMermaid(graph));
    }

    private static void CheckExampleDrivers(string relativePath, string unitName, string signal, string expected)
    {
        var (_, graph) = LoadExample(relativePath, unitName);
        Assert.Equal(expected, Render(graph.DriversOf(signal)));
    }

    private static void CheckExampleLoads(string relativePath, string unitName, string signal, string expected)
    {
        var (_, graph) = LoadExample(relativePath, unitName);
        Assert.Equal(expected, Render(graph.LoadsOf(signal)));
    }

    private static string Render(IEnumerable<DataFlowEdge> edges)
    {
        var builder = new StringBuilder();
        foreach (var edge in edges)
        {
            builder.Append(edge.Location.Start.Line + 1).Append(": ").Append(edge.Source)
                .Append(edge.Kind == DataFlowEdgeKind.Data ? " -data-> " : " -control-> ").Append(edge.Target);
            if (edge.Process is not null)
            {
                builder.Append(" in ").Append(edge.Process);
            }

            builder.Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static DataFlowGraph BuildGraph(string fixture, string unitName)
    {
        var tree = SyntaxParser.Parse(SourceText.From("fixture.sv", fixture + "\n"));
        Assert.Empty(tree.Diagnostics);
        var unit = DesignModel.Build(tree, CancellationToken.None).Units.Single(u => u.Name == unitName);
        return DataFlowBuilder.Build(unit);
    }

    /// <summary>Parses a file of examples/ with its include folder and builds the named unit's graph (with its entity for VHDL).</summary>
    private static (DesignUnitSymbol Unit, DataFlowGraph Graph) LoadExample(string relativePath, string unitName)
    {
        var examples = Path.Combine(RepositoryRoot(), "examples");
        var path = Path.Combine(examples, relativePath);
        var options = new ParseOptions
        {
            Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = [Path.Combine(examples, "rtl", "include")] },
        };
        var tree = SyntaxParser.Parse(SourceText.From(path, File.ReadAllText(path)), options, new FolderIncludeSource());
        Assert.DoesNotContain(tree.Diagnostics, diagnostic => diagnostic.IsError);
        var units = DesignModel.Build(tree, CancellationToken.None).Units;
        var unit = units.Single(u => u.Name == unitName);
        var entity = unit.Owner is null ? null : units.SingleOrDefault(u => u.Kind == DesignUnitKind.Entity && u.Name.Equals(unit.Owner, StringComparison.OrdinalIgnoreCase));
        return (unit, DataFlowBuilder.Build(unit, entity));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hdl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Hdl.sln) is not above the test assembly");
    }

    private sealed class FolderIncludeSource : IIncludeSource
    {
        public SourceText? Resolve(string includeName, string includingFilePath, System.Collections.Immutable.ImmutableArray<string> includeDirectories)
        {
            foreach (var folder in includeDirectories.Insert(0, Path.GetDirectoryName(includingFilePath) ?? "."))
            {
                var candidate = Path.Combine(folder, includeName);
                if (File.Exists(candidate))
                {
                    return SourceText.From(candidate, File.ReadAllText(candidate));
                }
            }

            return null;
        }
    }
}
