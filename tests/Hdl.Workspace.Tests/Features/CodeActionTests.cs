using System.Collections.Immutable;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;

namespace Hdl.Workspace.Tests.Features;

/// <summary>Code actions at the cursor ($0): each test applies the action with the given title and compares the edited file.</summary>
public class CodeActionTests
{
    [Fact]
    public void Fill_missing_ports_appends_named_connections_in_the_style_of_the_list()
    {
        CheckCodeAction("""
            //- /rtl/fifo.sv
            module fifo (input logic clk, input logic rst, input logic [7:0] din, output logic [7:0] dout);
            endmodule
            //- /rtl/top.sv
            module top(input logic clk, input logic rst, output logic [7:0] q);
              fifo u_$0fifo (
                .clk(clk),
                .dout(q)
              );
            endmodule
            """, "Connect the 2 missing ports of 'u_fifo'", "/rtl/top.sv", """
            module top(input logic clk, input logic rst, output logic [7:0] q);
              fifo u_fifo (
                .clk(clk),
                .dout(q),
                .rst(rst),
                .din()
              );
            endmodule
            """);
    }

    [Fact]
    public void Fill_missing_ports_of_an_empty_list_writes_one_port_a_line()
    {
        CheckCodeAction("""
            //- /rtl/counter.v
            module counter (input clk, output [3:0] count);
            endmodule
            //- /rtl/top.v
            module top(input clk);
              counter u_counter$0 ();
            endmodule
            """, "Connect the 2 missing ports of 'u_counter'", "/rtl/top.v", """
            module top(input clk);
              counter u_counter (
                .clk(clk),
                .count()
              );
            endmodule
            """);
    }

    [Fact]
    public void Fill_missing_ports_in_a_vhdl_port_map()
    {
        CheckCodeAction("""
            //- /rtl/buf.vhd
            entity buf is
              port (clk : in bit; d : in bit; q : out bit);
            end entity;
            architecture rtl of buf is
            begin
            end architecture;
            //- /rtl/top.vhd
            entity top is
              port (clk : in bit; d : in bit);
            end entity;
            architecture rtl of top is
            begin
              u_buf$0 : entity work.buf port map (clk => clk);
            end architecture;
            """, "Connect the 2 missing ports of 'u_buf'", "/rtl/top.vhd", """
            entity top is
              port (clk : in bit; d : in bit);
            end entity;
            architecture rtl of top is
            begin
              u_buf : entity work.buf port map (clk => clk, d => d, q => open);
            end architecture;
            """);
    }

    [Fact]
    public void A_fully_connected_instance_offers_no_fill()
    {
        CheckNoCodeAction("""
            //- /rtl/inv.sv
            module inv (input logic a, output logic y);
            endmodule
            //- /rtl/top.sv
            module top(input logic a, output logic y);
              inv u_$0inv (.a(a), .y(y));
            endmodule
            """, "Connect");
    }

    [Fact]
    public void A_module_name_alone_on_a_line_becomes_an_instance()
    {
        CheckCodeAction("""
            //- /rtl/counter.sv
            module counter #(parameter int N = 4, localparam int M = 1) (input logic clk, output logic [N-1:0] count);
            endmodule
            //- /rtl/top.sv
            module top(input logic clk);
              count$0er
            endmodule
            """, "Instantiate module 'counter'", "/rtl/top.sv", """
            module top(input logic clk);
              counter #(
                .N(4)
              ) u_counter (
                .clk(clk),
                .count()
              );
            endmodule
            """);
    }

    [Fact]
    public void An_entity_named_in_a_vhdl_architecture_becomes_an_entity_instance()
    {
        CheckCodeAction("""
            //- /rtl/buf.vhd
            entity buf is
              generic (W : natural := 4);
              port (clk : in bit; q : out bit);
            end entity;
            architecture rtl of buf is
            begin
            end architecture;
            //- /rtl/top.vhd
            entity top is
              port (clk : in bit);
            end entity;
            architecture rtl of top is
            begin
              buf$0;
            end architecture;
            """, "Instantiate entity 'buf'", "/rtl/top.vhd", """
            entity top is
              port (clk : in bit);
            end entity;
            architecture rtl of top is
            begin
              u_buf : entity work.buf
                generic map (
                  W => 4
                )
                port map (
                  clk => clk,
                  q => open
                );
            end architecture;
            """);
    }

    [Fact]
    public void An_unresolved_instance_is_offered_the_unit_of_a_near_name()
    {
        CheckCodeAction("""
            //- /rtl/counter.sv
            module counter (input logic clk);
            endmodule
            //- /rtl/top.sv
            module top(input logic clk);
              countr u_$0c (.clk(clk));
            endmodule
            """, "Instantiate 'counter' instead of 'countr'", "/rtl/top.sv", """
            module top(input logic clk);
              counter u_c (.clk(clk));
            endmodule
            """);
    }

    [Fact]
    public void A_missing_include_found_elsewhere_adds_its_folder_to_a_new_hdl_json()
    {
        var parsed = EditorFixture.Parse("""
            //- /ws/rtl/top.sv
            `include "defs.v"$0
            module top;
            endmodule
            """);
        var action = Single(parsed, "Add include directory 'include' to hdl.json", workspaceFiles: ["/ws/include/defs.v", "/ws/rtl/top.sv"]);
        Assert.Equal("/ws/hdl.json", Assert.Single(action.CreatedFiles));
        Assert.Equal("HDL1101", action.Fixes?.Id);
        var change = Assert.Single(action.Changes);
        Assert.Equal("/ws/hdl.json", change.Path);
        Assert.Equal("{\n  \"includeDirs\": [\"include\"]\n}\n", change.NewText);
    }

    [Fact]
    public void A_missing_include_is_appended_to_the_include_dirs_of_an_existing_hdl_json()
    {
        var parsed = EditorFixture.Parse("""
            //- /ws/rtl/top.sv
            `include "defs.v"$0
            module top;
            endmodule
            """);
        const string configuration = "{\n  // project settings\n  \"defines\": [\"SIM\"],\n  \"includeDirs\": [\"rtl\"]\n}\n";
        var action = Single(parsed, "Add include directory 'include' to hdl.json", workspaceFiles: ["/ws/include/defs.v"], configuration: configuration);
        Assert.Empty(action.CreatedFiles);
        var change = Assert.Single(action.Changes);
        Assert.Equal("{\n  // project settings\n  \"defines\": [\"SIM\"],\n  \"includeDirs\": [\"rtl\", \"include\"]\n}\n", EditorFixture.Insert(SourceText.From("/ws/hdl.json", configuration), [(change.Start, change.End, change.NewText)]));

        var withoutField = Single(parsed, "Add include directory 'include' to hdl.json", workspaceFiles: ["/ws/include/defs.v"], configuration: "{ \"defines\": [] }");
        change = Assert.Single(withoutField.Changes);
        Assert.Equal("{\n  \"includeDirs\": [\"include\"], \"defines\": [] }", EditorFixture.Insert(SourceText.From("/ws/hdl.json", "{ \"defines\": [] }"), [(change.Start, change.End, change.NewText)]));
    }

    [Fact]
    public void An_undeclared_signal_is_declared_with_the_width_of_what_it_is_assigned_from()
    {
        CheckCodeAction("""
            module top(input logic [7:0] a, output logic [7:0] y);
              always_comb tmp$0 = a;
              assign y = tmp;
            endmodule
            """, "Declare 'tmp': logic [7:0] tmp;", "/top.sv", """
            module top(input logic [7:0] a, output logic [7:0] y);
              logic [7:0] tmp;
              always_comb tmp = a;
              assign y = tmp;
            endmodule
            """);
    }

    [Fact]
    public void An_undeclared_signal_connected_to_a_port_takes_the_port_width()
    {
        // VHDL has no implicit nets, so the unconnected actual is reported (a Verilog one would be an implicit wire).
        CheckCodeAction("""
            //- /rtl/src.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity src is
              generic (W : natural := 2);
              port (o : out std_logic_vector(W-1 downto 0));
            end entity;
            architecture rtl of src is
            begin
            end architecture;
            //- /rtl/top.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity top is
              port (q : out std_logic);
            end entity;
            architecture rtl of top is
            begin
              u_src : entity work.src generic map (W => 5) port map (o => wi$0de);
              q <= wide(0);
            end architecture;
            """, "Declare 'wide': signal wide : std_logic_vector(4 downto 0);", "/rtl/top.vhd", """
            library ieee;
            use ieee.std_logic_1164.all;
            entity top is
              port (q : out std_logic);
            end entity;
            architecture rtl of top is
              signal wide : std_logic_vector(4 downto 0);
            begin
              u_src : entity work.src generic map (W => 5) port map (o => wide);
              q <= wide(0);
            end architecture;
            """);
    }

    [Fact]
    public void An_undeclared_vhdl_signal_is_declared_in_the_architecture()
    {
        CheckCodeAction("""
            //- /top.vhd
            entity top is
              port (a : in bit; y : out bit);
            end entity;
            architecture rtl of top is
            begin
              t$0mp <= a;
              y <= tmp;
            end architecture;
            """, "Declare 'tmp': signal tmp : bit;", "/top.vhd", """
            entity top is
              port (a : in bit; y : out bit);
            end entity;
            architecture rtl of top is
              signal tmp : bit;
            begin
              tmp <= a;
              y <= tmp;
            end architecture;
            """);
    }

    private static void CheckCodeAction(string fixture, string title, string path, string expected)
    {
        var parsed = EditorFixture.Parse(fixture);
        var action = Single(parsed, title, workspaceFiles: []);
        Assert.All(action.Changes, change => Assert.Equal(path, change.Path));
        var edited = EditorFixture.Insert(parsed.TextOf(action.Changes[0].Path), action.Changes.Select(change => (change.Start, change.End, change.NewText)));
        Assert.Equal(expected.ReplaceLineEndings("\n"), edited.TrimEnd('\n'));
    }

    private static void CheckNoCodeAction(string fixture, string titlePrefix)
    {
        var parsed = EditorFixture.Parse(fixture);
        Assert.DoesNotContain(Actions(parsed, [], null), action => action.Title.StartsWith(titlePrefix, StringComparison.Ordinal));
    }

    private static CodeActionItem Single(EditorFixture parsed, string title, ImmutableArray<string> workspaceFiles, string? configuration = null)
    {
        var actions = Actions(parsed, workspaceFiles, configuration);
        var matching = actions.Where(action => action.Title == title).ToList();
        Assert.True(matching.Count == 1, $"no single '{title}' among: {string.Join(" | ", actions.Select(action => action.Title))}; diagnostics: {string.Join(" | ", parsed.Index.Files.SelectMany(file => file.Diagnostics).Concat(parsed.Index.Bindings.Diagnostics))}");
        return matching[0];
    }

    private static ImmutableArray<CodeActionItem> Actions(EditorFixture parsed, ImmutableArray<string> workspaceFiles, string? configuration)
    {
        var request = new CodeActionRequest(parsed.Index, parsed.TextOf(parsed.CursorPath), parsed.Cursor, parsed.Cursor)
        {
            Hierarchy = parsed.Hierarchy,
            WorkspaceFiles = workspaceFiles,
            ConfigurationRoot = "/ws",
            ReadFile = path => path == "/ws/hdl.json" ? configuration : null,
        };
        return CodeActions.Compute(request, CancellationToken.None);
    }
}
