using Hdl.Design;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Search;
using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Retrieval.Tests;

/// <summary>A signal chunk carries words for its role, read from how the design model says it is driven and used.</summary>
public class SignalRoleTests
{
    private const string Verilog = """
        module roles (
          input  logic       clk_i,
          input  logic       rst_ni,
          input  logic       rx_i,
          input  logic [7:0] div_i,
          input  logic       set_i,
          input  logic       clr_i,
          output logic       rise_o
        );
          typedef enum logic [1:0] {IDLE, RUN, DONE} state_e;
          state_e state_q;
          logic [7:0] cnt_q, up_q, shift_q;
          logic rx_meta_q, rx_sync_q, rx_prev_q, busy_q;
          logic [7:0] mem_q [16];
          logic [3:0] wr_ptr_q;

          always_ff @(posedge clk_i or negedge rst_ni) begin
            if (!rst_ni) begin
              cnt_q <= '0;
              rx_meta_q <= 1'b0;
              rx_sync_q <= 1'b0;
              rx_prev_q <= 1'b0;
              busy_q <= 1'b0;
            end else begin
              if (cnt_q == '0) cnt_q <= div_i;
              else cnt_q <= cnt_q - 1'b1;
              up_q <= up_q + 8'd1;
              shift_q <= {rx_sync_q, shift_q[7:1]};
              rx_meta_q <= rx_i;
              rx_sync_q <= rx_meta_q;
              rx_prev_q <= rx_sync_q;
              if (set_i) busy_q <= 1'b1;
              else if (clr_i) busy_q <= 1'b0;
              mem_q[wr_ptr_q] <= shift_q;
              wr_ptr_q <= wr_ptr_q + 4'd1;
              case (state_q)
                IDLE: state_q <= RUN;
                RUN: if (cnt_q == '0) state_q <= DONE;
                default: state_q <= IDLE;
              endcase
            end
          end

          assign rise_o = rx_sync_q & ~rx_prev_q;
        endmodule
        """;

    [Theory]
    [InlineData("clk_i", "")]
    [InlineData("cnt_q", "down counter decrements loaded reloaded")]
    [InlineData("up_q", "counter counts increments")]
    [InlineData("shift_q", "shift register shifted")]
    [InlineData("state_q", "state machine current state")]
    [InlineData("busy_q", "flag set cleared")]
    [InlineData("rx_meta_q", "registered copy delayed synchronizer stage synchronized")]
    [InlineData("rx_prev_q", "registered copy delayed synchronizer stage synchronized previous last value edge detect")]
    [InlineData("rise_o", "edge detect pulse")]
    [InlineData("mem_q", "memory array storage")]
    [InlineData("wr_ptr_q", "counter counts increments index address pointer")]
    public void Verilog_signals_are_described_by_how_they_are_driven(string signal, string expected) =>
        Assert.Equal(expected, Role(Chunks("/rtl/roles.sv", Verilog), signal));

    [Fact]
    public void The_register_of_a_next_value_has_the_role_of_that_value()
    {
        var chunks = Chunks("/rtl/next.sv", """
            module next_values (input logic clk_i, input logic we_i, input logic [3:0] a_i, input logic [7:0] d_i);
              typedef enum logic [1:0] {IDLE, RUN} state_e;
              state_e state_d, state_q;
              logic [7:0] mem_d [16];
              logic [7:0] mem_q [16];
              logic [3:0] cnt_d, cnt_q;
              always_comb begin
                cnt_d = cnt_q + 4'd1;
                mem_d = mem_q;
                if (we_i) mem_d[a_i] = d_i;
                state_d = state_q;
                case (state_q)
                  IDLE: state_d = RUN;
                  default: state_d = IDLE;
                endcase
              end
              always_ff @(posedge clk_i) begin
                mem_q <= mem_d;
                state_q <= state_d;
                cnt_q <= cnt_d;
              end
            endmodule
            """);
        Assert.Equal("registered copy delayed state machine current state", Role(chunks, "state_q"));
        Assert.Equal("registered copy delayed memory array storage", Role(chunks, "mem_q"));
        Assert.Equal("registered copy delayed counter counts increments", Role(chunks, "cnt_q"));
    }

    [Fact]
    public void A_signal_names_the_signals_it_drives() =>
        Assert.Equal("shift register shifted drives mem_q", Role(Chunks("/rtl/roles.sv", Verilog, ChunkingOptions.Default with { Roles = SignalRoleOptions.Default with { MaxFedSignals = 4 } }), "shift_q"));

    [Fact]
    public void VHDL_processes_give_the_same_roles()
    {
        var chunks = Chunks("/rtl/strobe.vhd", """
            library ieee;
            use ieee.std_logic_1164.all;
            entity strobe is
              port (Clk : in std_logic; Rst : in std_logic; In_Sync : in std_logic; Out_Valid : out std_logic);
            end entity;
            architecture rtl of strobe is
              signal Count    : integer range 0 to 9;
              signal SyncLast : std_logic;
              signal Chain    : std_logic_vector(2 downto 0);
            begin
              p_strobe : process (Clk) is
              begin
                if rising_edge(Clk) then
                  if (In_Sync = '1') and (SyncLast = '0') then
                    Count <= 0;
                  else
                    Count <= Count + 1;
                  end if;
                  SyncLast <= In_Sync;
                  Chain <= Chain(1 downto 0) & In_Sync;
                  if Rst = '1' then
                    Count <= 0;
                    SyncLast <= '0';
                  end if;
                end if;
              end process;
              Out_Valid <= '1' when Count = 9 else '0';
            end architecture;
            """);
        Assert.StartsWith("counter counts increments", Role(chunks, "Count"), StringComparison.Ordinal);
        Assert.StartsWith("registered copy delayed synchronizer stage synchronized previous last value edge detect", Role(chunks, "SyncLast"), StringComparison.Ordinal);
        Assert.StartsWith("shift register shifted", Role(chunks, "Chain"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_search_matches_the_query_against_role_words_and_other_searches_do_not()
    {
        using var fixture = new RetrievalFixture("""
            //- /rtl/link.sv
            module link (input logic clk_i, input logic bit_i, input logic [3:0] n_i, output logic [7:0] data_o);
              logic [7:0] data_q;
              logic [3:0] left_q;
              logic [3:0] other_q;
              always_ff @(posedge clk_i) begin
                data_q <= {data_q[6:0], bit_i};
                if (left_q == '0) left_q <= n_i;
                else left_q <= left_q - 4'd1;
                other_q <= n_i ^ left_q;
              end
              assign data_o = data_q;
            endmodule
            """);
        fixture.Index();
        Assert.StartsWith("link > data_q (signal)", fixture.Search("shift register", SearchMode.Lexical, Granularity.Signal), StringComparison.Ordinal);
        Assert.StartsWith("link > left_q (signal)", fixture.Search("down counter reloaded", SearchMode.Lexical, Granularity.Signal), StringComparison.Ordinal);
        Assert.DoesNotContain("(signal)", fixture.Search("shift register", SearchMode.Lexical), StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_can_be_switched_off_and_other_chunks_have_none()
    {
        var off = Chunks("/rtl/roles.sv", Verilog, ChunkingOptions.Default with { Roles = SignalRoleOptions.Default with { Enabled = false } });
        Assert.All(off, chunk => Assert.Empty(chunk.Role));
        Assert.All(Chunks("/rtl/roles.sv", Verilog).Where(chunk => chunk.Granularity != Granularity.Signal), chunk => Assert.Empty(chunk.Role));
    }

    private static string Role(IReadOnlyList<Chunk> chunks, string signal) =>
        chunks.Single(chunk => chunk.Granularity == Granularity.Signal && chunk.Name == signal).Role;

    private static IReadOnlyList<Chunk> Chunks(string path, string text, ChunkingOptions? options = null)
    {
        var tree = SyntaxParser.Parse(SourceText.From(path, text), ParseOptions.Default, null, CancellationToken.None);
        return Chunker.Chunk(DesignModel.Build(tree, CancellationToken.None), text, options ?? ChunkingOptions.Default);
    }
}
