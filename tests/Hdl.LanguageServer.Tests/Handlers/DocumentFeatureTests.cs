namespace Hdl.LanguageServer.Tests.Handlers;

/// <summary>Outline, workspace symbols, folding and highlighting of small Verilog, SystemVerilog and VHDL fixtures.</summary>
public class DocumentFeatureTests
{
    [Fact]
    public async Task Document_symbols_nest_ports_signals_instances_and_generate_blocks_under_their_unit()
    {
        await Check.DocumentSymbolsAsync("""
            //- /rtl/top.sv
            module top #(parameter int W = 8) (input logic clk, output logic [W-1:0] q);
              logic [W-1:0] count;
              always_ff @(posedge clk) count <= count + 1;
              assign q = count;
              generate if (W > 4) begin : g_wide
                logic extra;
              end endgenerate
              leaf u_leaf (.a(clk));
            endmodule
            //- /rtl/leaf.sv
            module leaf(input logic a);
            endmodule
            """, """
            top module [0-8]
              W constant : int = 8 [0-0]
              clk property : in logic [0-0]
              q property : out logic [W-1:0] [0-0]
              count variable : logic [W-1:0] [1-1]
              always_ff event [2-2]
              g_wide namespace : W > 4 [4-6]
                extra variable : logic [5-5]
              u_leaf object : leaf [7-7]
            """);
    }

    [Fact]
    public async Task Workspace_symbols_match_prefixes_and_words_across_files_and_languages()
    {
        await Check.WorkspaceSymbolsAsync("""
            //- /rtl/uart_tx.sv
            module uart_tx(input logic clk, output logic tx_done);
              logic [3:0] tx_state;
            endmodule
            //- /rtl/uart_rx.vhd
            entity uart_rx is
              port (clk : in bit; rx_state : out bit);
            end entity;
            """, "state", """
            rx_state property in uart_rx at uart_rx.vhd:2
            tx_state variable in uart_tx at uart_tx.sv:2
            """);
    }

    [Fact]
    public async Task Folding_covers_units_processes_and_comment_blocks()
    {
        await Check.FoldingAsync("""
            //- /rtl/top.sv
            // A counter.
            // It counts.
            module top(input logic clk);
              logic [3:0] c;
              always_ff @(posedge clk) begin
                c <= c + 1;
              end
            endmodule
            """, """
            1-2 comment
            3-8 region
            5-7 region
            """);
    }

    [Fact]
    public async Task Semantic_tokens_classify_ports_signals_parameters_and_units()
    {
        await Check.SemanticTokensAsync("""
            //- /rtl/top.sv
            module top #(parameter W = 4) (input logic clk, output logic [W-1:0] q);
              logic [W-1:0] c;
              always_ff @(posedge clk) c <= c + 1;
              assign q = c;
              leaf u_leaf (.a(clk));
            endmodule
            """, """
            1:8 top class+declaration
            1:24 W parameter+declaration+readonly
            1:44 clk property+declaration
            1:63 W parameter+readonly
            1:70 q property+declaration
            2:10 W parameter+readonly
            2:17 c variable+declaration
            3:23 clk property
            3:28 c variable
            3:33 c variable
            4:10 q property
            4:14 c variable
            5:3 leaf class
            5:8 u_leaf namespace+declaration
            5:19 clk property
            """);
    }

    [Fact]
    public async Task Hover_on_a_signal_use_shows_its_declaration_and_how_often_it_is_driven_and_read()
    {
        var hover = await Check.HoverAsync("""
            //- /rtl/top.sv
            module top(input logic clk, output logic [7:0] q);
              logic [7:0] count;
              always_ff @(posedge clk) count <= count + 1;
              assign q = co$0unt;
            endmodule
            """);
        Check.AssertText("""
            ```systemverilog
            logic [7:0] count
            ```

            variable in `top` · 1 driver, 2 loads
            """, hover);
    }

    [Fact]
    public async Task Definition_on_an_include_directive_goes_to_the_file_it_names()
    {
        await Check.DefinitionAsync("""
            //- /rtl/inc/defs.svh
            `define W 8
            //- /rtl/top.sv
            `inc$0lude "defs.svh"
            module top(output logic [`W-1:0] q); endmodule
            """, "rtl/inc/defs.svh:1");
    }

    [Fact]
    public async Task References_on_an_include_directive_are_the_directives_that_include_the_same_file()
    {
        await Check.ReferencesAsync("""
            //- /rtl/inc/defs.svh
            `define W 8
            //- /rtl/other.svh
            `define X 1
            //- /rtl/top.sv
            `inc$0lude "defs.svh"
            `include "other.svh"
            module top(output logic [`W-1:0] q); endmodule
            //- /rtl/sub/leaf.sv
            // `include "defs.svh" was here before
              `include   "defs.svh"
            module leaf; endmodule
            //- /rtl/unrelated.sv
            `include "other.svh"
            module unrelated; endmodule
            """, """
            rtl/sub/leaf.sv:2:3
            rtl/top.sv:1:1
            """);
    }

    [Fact]
    public async Task An_include_directive_is_not_renamed()
    {
        var (session, fixture) = await Check.OpenAsync("""
            //- /rtl/inc/defs.svh
            `define W 8
            //- /rtl/top.sv
            `inc$0lude "defs.svh"
            module top(output logic [`W-1:0] q); endmodule
            """);
        await using (session)
        {
            var position = Check.PositionParams(session, fixture);
            Assert.Null(await session.Client.ResultAsync("textDocument/prepareRename", position));
            var uri = session.Uri(fixture.CursorPath!);
            Assert.Null(await session.Client.ResultAsync("textDocument/rename", new
            {
                textDocument = new { uri },
                position = new { line = fixture.CursorLine, character = fixture.CursorCharacter },
                newName = "renamed",
            }));
        }
    }

    [Fact]
    public async Task Definition_beside_an_include_directive_is_the_usual_name_lookup()
    {
        await Check.DefinitionAsync("""
            //- /rtl/inc/defs.svh
            `define W 8
            //- /rtl/top.sv
            `include "defs.svh" module top; logic a; assign a = 1; wire b = a$0; endmodule
            """, "rtl/top.sv:1");
    }
}
