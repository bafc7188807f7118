using Hdl.Design;
using Hdl.Retrieval.Chunking;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Retrieval.Tests;

/// <summary>Chunks are cut along the design model: unit header, blocks, assignment groups, subprograms, generates, signals, ports.</summary>
public class ChunkingTests
{
    [Fact]
    public void SystemVerilog_module_is_cut_into_header_ports_signals_and_blocks() => CheckChunks(
        "/rtl/baud.sv",
        """
        // Baud rate generator: divides the clock.
        module baud_gen #(parameter int W = 8) (
          input  logic         clk_i,
          input  logic [W-1:0] div_i,   // divide ratio
          output logic         tick_o
        );
          // counts down to zero
          logic [W-1:0] cnt_q;
          logic zero, half;

          always_ff @(posedge clk_i) begin : p_count
            if (zero) cnt_q <= div_i;
            else cnt_q <= cnt_q - 1'b1;
          end

          assign zero = cnt_q == '0;
          assign half = cnt_q == div_i >> 1;

          assign tick_o = zero;

          function automatic logic is_odd(input logic [W-1:0] v);
            return v[0];
          endfunction

          for (genvar i = 0; i < 2; i++) begin : g_dummy
          end
        endmodule
        """,
        """
        unit baud_gen 1-5 [module] module baud_gen
        port clk_i 3-3 [signal] baud_gen > port clk_i
        port div_i 4-4 [signal] baud_gen > port div_i
        port tick_o 5-5 [signal] baud_gen > port tick_o
        signal cnt_q 7-8 [signal] baud_gen > cnt_q
        signal zero 9-9 [signal] baud_gen > zero
        signal half 9-9 [signal] baud_gen > half
        process p_count 11-14 [block] baud_gen > p_count
        assignments assign zero 16-17 [block] baud_gen > assign zero
        assignments assign tick_o 19-19 [block] baud_gen > assign tick_o
        subprogram is_odd 21-23 [block] baud_gen > function is_odd
        generate g_dummy 25-26 [block] baud_gen > g_dummy
        """);

    [Fact]
    public void Chunks_carry_comments_names_and_the_code_that_drives_a_signal()
    {
        var chunks = Chunk("/a.sv", """
            module m (input logic clk);
              // counts down to zero
              logic [7:0] cnt_q;
              always_ff @(posedge clk) cnt_q <= cnt_q - 1;
            endmodule
            """);
        var signal = chunks.Single(chunk => chunk.Kind == ChunkKind.Signal);
        Assert.Contains("counts down to zero", signal.Comments, StringComparison.Ordinal);
        Assert.Contains("cnt_q <= cnt_q - 1", signal.Body, StringComparison.Ordinal);
        var header = chunks.Single(chunk => chunk.Kind == ChunkKind.Unit);
        Assert.Contains("cnt_q", header.Body, StringComparison.Ordinal);
        Assert.Contains("counts down to zero", header.Comments, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_description_kept_apart_by_blank_lines_and_directives_documents_the_first_unit_without_its_licence()
    {
        var chunks = Chunk("/rtl/popcount.sv", """
            // Copyright 2018 Some University.
            // Licensed under the Solderpad Hardware License.

            ////////////////////////////////////////
            // Description: Count the number of   //
            //              ones in a word         //
            ////////////////////////////////////////

            `default_nettype none
            module popcount (input logic [31:0] in_i, output logic [5:0] result_o);
              assign result_o = $countones(in_i);
            endmodule

            // Parity of a word.
            module parity (input logic [31:0] in_i, output logic odd_o);
              assign odd_o = ^in_i;
            endmodule
            """);
        var first = chunks.Single(chunk => chunk is { Kind: ChunkKind.Unit, Name: "popcount" });
        Assert.Contains("Count the number of", first.Comments, StringComparison.Ordinal);
        Assert.Contains("ones in a word", first.Comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Copyright", first.Comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Solderpad", first.Comments, StringComparison.Ordinal);
        Assert.Equal(10, first.StartLine);

        // The second unit's preamble starts after the first unit: the file's description is not its own.
        var second = chunks.Single(chunk => chunk is { Kind: ChunkKind.Unit, Name: "parity" });
        Assert.Contains("Parity of a word", second.Comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Count the number", second.Comments, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vhdl_entity_is_documented_by_the_description_above_its_library_clauses()
    {
        var chunks = Chunk("/rtl/delay.vhd", """
            -- Copyright (c) 2024 by Somebody
            ------------------------------------------
            -- Description
            ------------------------------------------
            -- A delay line built from shift registers.

            library ieee;
                use ieee.std_logic_1164.all;

            entity delay_line is
                port (Clk : in std_logic; In_Data : in std_logic; Out_Data : out std_logic);
            end entity;
            """);
        var entity = chunks.Single(chunk => chunk.Kind == ChunkKind.Unit);
        Assert.Contains("A delay line built from shift registers", entity.Comments, StringComparison.Ordinal);
        Assert.DoesNotContain("Somebody", entity.Comments, StringComparison.Ordinal);
    }

    [Fact]
    public void Vhdl_architecture_chunks_belong_to_their_entity() => CheckChunks(
        "/rtl/pwm.vhd",
        """
        library ieee;
        use ieee.std_logic_1164.all;
        -- PWM generator
        entity pwm is
          port (clk : in std_logic; duty : in natural; pwm_o : out std_logic);
        end entity;
        architecture rtl of pwm is
          signal counter : natural; -- free-running period counter
        begin
          p_count : process (clk) begin
            if rising_edge(clk) then counter <= counter + 1; end if;
          end process;
          pwm_o <= '1' when counter < duty else '0';
        end architecture;
        """,
        """
        unit pwm 3-5 [module] entity pwm
        port clk 5-5 [signal] pwm > port clk
        port duty 5-5 [signal] pwm > port duty
        port pwm_o 5-5 [signal] pwm > port pwm_o
        unit rtl 7-8 [module] architecture rtl of pwm
        signal counter 8-8 [signal] rtl > counter
        process p_count 10-12 [block] rtl > p_count
        assignments assign pwm_o 13-13 [block] rtl > assign pwm_o
        """);

    [Fact]
    public void Ids_are_stable_and_distinguish_same_names()
    {
        const string text = """
            module m (input logic clk);
              always @(posedge clk) begin end
              always @(posedge clk) begin end
            endmodule
            """;
        var first = Chunk("/a.sv", text).Select(chunk => chunk.Id).ToList();
        var second = Chunk("/a.sv", text).Select(chunk => chunk.Id).ToList();
        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Contains("/a.sv#process:always@2", first);
        Assert.Contains("/a.sv#process:always@3", first);
    }

    [Fact]
    public void Broken_code_still_chunks_what_parsed()
    {
        var chunks = Chunk("/bad.sv", "module m (input logic clk);\n  logic a\n  assign b = ;\nendmodule\n");
        Assert.Contains(chunks, chunk => chunk.Kind == ChunkKind.Unit && chunk.Name == "m");
    }

    private static void CheckChunks(string path, string text, string expected)
    {
        var actual = string.Join('\n', Chunk(path, text).Select(chunk =>
            $"{chunk.Kind.ToString().ToLowerInvariant()} {chunk.Name} {chunk.StartLine}-{chunk.EndLine} [{chunk.Granularity.ToString().ToLowerInvariant()}] {chunk.Context}"));
        Assert.Equal(expected.ReplaceLineEndings("\n").Trim(), actual);
    }

    private static IReadOnlyList<Chunk> Chunk(string path, string text)
    {
        var tree = SyntaxParser.Parse(SourceText.From(path, text), ParseOptions.Default, null, CancellationToken.None);
        return Chunker.Chunk(DesignModel.Build(tree, CancellationToken.None), text, ChunkingOptions.Default);
    }
}
