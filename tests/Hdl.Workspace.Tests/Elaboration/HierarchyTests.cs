using System.Collections.Immutable;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>
/// The elaborated instance hierarchy: which units are tops, how instances bind across files and languages,
/// generate scopes, parameter propagation and port widths. Each test renders the hierarchy as `hdl hierarchy` does.
/// </summary>
public class HierarchyTests
{
    [Fact]
    public void Tops_are_units_nobody_instantiates_and_packages_are_never_tops()
    {
        CheckHierarchy("""
            //- /rtl/pkg.sv
            package p; parameter int N = 2; endpackage
            //- /rtl/leaf.sv
            module leaf; endmodule
            //- /rtl/mid.sv
            module mid; leaf u_leaf (); endmodule
            //- /rtl/top.sv
            module top; mid u_mid (); leaf u_leaf2 (); endmodule
            //- /tb/tb.sv
            module tb; endmodule
            """, """
            top
              u_mid : mid
                u_leaf : leaf
              u_leaf2 : leaf
            tb
            """);
    }

    [Fact]
    public void A_named_top_elaborates_only_that_unit()
    {
        CheckHierarchy("""
            module leaf; endmodule
            module top; leaf u_leaf (); endmodule
            module other; endmodule
            """, """
            top
              u_leaf : leaf
            """, tops: ["top"]);
    }

    [Fact]
    public void Sv_top_instantiates_a_vhdl_entity_and_vhdl_instantiates_a_verilog_module_as_a_component()
    {
        CheckHierarchy("""
            //- /rtl/top.sv
            module top(input logic clk);
              logic [7:0] d, q;
              filter #(.TAPS(4)) u_filter (.clk(clk), .d(d), .q(q));
            endmodule
            //- /rtl/filter.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity filter is
              generic (TAPS : natural := 2);
              port (clk : in std_logic; d : in std_logic_vector(7 downto 0); q : out std_logic_vector(7 downto 0));
            end entity;
            architecture rtl of filter is
              component Delay_Line is
                generic (DEPTH : natural := 1);
                port (clk : in std_logic; din : in std_logic_vector(7 downto 0); dout : out std_logic_vector(7 downto 0));
              end component;
            begin
              u_delay : Delay_Line generic map (DEPTH => TAPS * 2) port map (clk => clk, din => d, dout => q);
            end architecture;
            //- /rtl/delay_line.v
            module delay_line #(parameter DEPTH = 1) (input clk, input [7:0] din, output [7:0] dout);
            endmodule
            """, """
            top
              u_filter : filter(rtl) #(TAPS=4)
                u_delay : Delay_Line #(DEPTH=8)
            """);
    }

    [Fact]
    public void Entity_instance_picks_the_named_architecture_and_a_component_the_most_recently_analysed_one()
    {
        CheckHierarchy("""
            //- /rtl/counter.vhd
            entity counter is end entity;
            architecture slow of counter is begin end architecture;
            architecture fast of counter is begin end architecture;
            //- /rtl/top.vhd
            entity top is end entity;
            architecture rtl of top is
              component counter is end component;
            begin
              u_named : entity work.counter(slow);
              u_default : entity work.counter;
              u_component : counter;
            end architecture;
            """, """
            top(rtl)
              u_named : counter(slow)
              u_default : counter(fast)
              u_component : counter(fast)
            """);
    }

    [Fact]
    public void Issue4_an_entity_and_a_package_named_with_a_library_no_file_is_mapped_to_are_found_in_any_library()
    {
        // neorv32 names its own library everywhere (`entity neorv32.neorv32_cpu`, `use neorv32.neorv32_package.all`);
        // without an hdl.json mapping its files are in `work`, as with GHDL's `--work=neorv32` they would be in neorv32.
        CheckHierarchy("""
            //- /rtl/pkg.vhd
            package pkg is
              constant DEPTH : natural := 16;
            end package;
            //- /rtl/leaf.vhd
            entity leaf is generic (N : natural := 1); end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            library mylib; use mylib.pkg.all;
            entity top is end entity;
            architecture rtl of top is
            begin
              u_leaf : entity mylib.leaf generic map (N => DEPTH);
            end architecture;
            """, """
            top(rtl)
              u_leaf : leaf(rtl) #(N=16)
            """);
    }

    [Fact]
    public void An_entity_named_with_a_mapped_library_that_lacks_it_stays_unresolved()
    {
        var index = new MemoryWorkspace("""
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /other/thing.vhd
            entity thing is end entity;
            //- /rtl/top.vhd
            entity top is end entity;
            architecture rtl of top is
            begin
              u_leaf : entity other.leaf;
            end architecture;
            """).BuildIndex(WorkspaceIndexOptions.Default with
        {
            MaxDegreeOfParallelism = 2,
            VhdlLibraryByPath = ImmutableDictionary<string, string>.Empty.Add("/other/thing.vhd", "other"),
        });
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = ["top"] }, CancellationToken.None);
        Assert.Equal("""
            top(rtl)
              u_leaf : leaf (unresolved)
            """, HierarchyDump.Render(hierarchy));
    }

    [Fact]
    public void Generate_scoped_instances_keep_their_scope_path_and_a_for_generate_is_shown_once_with_its_loop()
    {
        CheckHierarchy("""
            module leaf #(parameter W = 1) (); endmodule
            module top #(parameter N = 4, parameter USE_X = 0) ();
              for (genvar i = 0; i < N; i++) begin : g_lane
                leaf #(.W(i + 1)) u_x ();
                if (N > 2) begin : g_wide
                  leaf u_wide ();
                end
              end
              if (USE_X) begin : g_x
                leaf u_on ();
              end else begin : g_no_x
                leaf u_off ();
              end
            endmodule
            """, """
            top #(N=4, USE_X=0)
              g_lane.u_x : leaf #(W=?) [for g_lane: genvar i = 0; i < N; i++]
              g_lane.g_wide.u_wide : leaf #(W=1) [for g_lane: genvar i = 0; i < N; i++]
              g_no_x.u_off : leaf #(W=1)
            """);
    }

    [Fact]
    public void Generate_conditions_that_cannot_be_evaluated_keep_every_branch_and_say_so()
    {
        CheckHierarchy("""
            module leaf; endmodule
            module top #(parameter string MODE = pick_mode()) ();
              if (MODE == "fast") begin : g_fast
                leaf u_fast ();
              end else begin : g_slow
                leaf u_slow ();
              end
            endmodule
            """, """
            top #(MODE=?)
              g_fast.u_fast : leaf [g_fast: if MODE == "fast"]
              g_slow.u_slow : leaf [g_slow: if MODE == "fast" (else)]
            """);
    }

    [Fact]
    public void Interface_instances_are_children_and_an_interface_used_only_as_a_port_type_is_not_a_top()
    {
        CheckHierarchy("""
            interface bus_if #(parameter W = 8) (input logic clk);
              logic [W-1:0] data;
              modport source (output data);
              modport sink (input data);
            endinterface
            interface debug_if; logic x; endinterface
            module producer (bus_if.source bus); endmodule
            module consumer (debug_if dbg); endmodule
            module top (input logic clk);
              bus_if #(.W(16)) u_bus (.clk(clk));
              producer u_producer (.bus(u_bus));
            endmodule
            """, """
            consumer
            top
              u_bus : bus_if #(W=16)
              u_producer : producer
            """);
    }

    [Fact]
    public void Parameter_overrides_propagate_down_and_port_widths_follow_them()
    {
        CheckHierarchy("""
            package cfg_pkg; parameter int DEPTH = 16; endpackage
            module fifo #(parameter WIDTH = 4, parameter DEPTH = 2, localparam AW = $clog2(DEPTH)) (
              input  logic [WIDTH-1:0] din,
              output logic [WIDTH-1:0] dout,
              output logic [AW:0] count,
              input  logic [1:0][WIDTH/2-1:0] halves
            );
            endmodule
            module wrapper #(parameter W = 1) ();
              fifo #(.WIDTH(W), .DEPTH(cfg_pkg::DEPTH)) u_fifo (.din(), .dout(), .count(), .halves());
            endmodule
            module top ();
              wrapper #(8) u_wrap ();
            endmodule
            """, """
            top
              u_wrap : wrapper #(W=8)
                u_fifo : fifo #(WIDTH=8, DEPTH=16)
                  . in din logic [WIDTH-1:0] : 8 bits
                  . out dout logic [WIDTH-1:0] : 8 bits
                  . out count logic [AW:0] : 5 bits
                  . in halves logic [1:0][WIDTH/2-1:0] : 8 bits
            """, showPorts: true);
    }

    [Fact]
    public void Vhdl_generic_dependent_port_widths_are_computed_in_the_instance()
    {
        CheckHierarchy("""
            //- /rtl/reg.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity reg is
              generic (WIDTH : positive := 4);
              port (clk : in std_logic; d : in std_logic_vector(WIDTH - 1 downto 0); q : out std_logic_vector(WIDTH - 1 downto 0));
            end entity;
            architecture rtl of reg is begin end architecture;
            //- /rtl/top.vhd
            entity top is end entity;
            architecture rtl of top is
            begin
              u_reg : entity work.reg generic map (WIDTH => 2 ** 3) port map (clk => open, d => open, q => open);
            end architecture;
            """, """
            top(rtl)
              u_reg : reg(rtl) #(WIDTH=8)
                . in clk std_logic : 1 bits
                . in d std_logic_vector(WIDTH - 1 downto 0) : 8 bits
                . out q std_logic_vector(WIDTH - 1 downto 0) : 8 bits
            """, showPorts: true);
    }

    [Fact]
    public void The_example_soc_top_hierarchy_matches_the_one_documented_in_examples_readme()
    {
        // examples/README.md lists the same instances and units; it writes interface instances on one line and
        // generate blocks inside units (g_master[0..1]) beside them, which this rendering does not show.
        CheckExampleHierarchy("soc_top", """
            soc_top #(SRAM_WORDS=256, HAS_TRACE=1, GPIO_WIDTH=8)
              u_rst_sync : rst_sync
              u_trace_rst_sync : rst_sync
              apb_host : apb_if #(ADDR_W=32, DATA_W=32)
              apb_dma : apb_if #(ADDR_W=32, DATA_W=32)
              apb_shared : apb_if #(ADDR_W=32, DATA_W=32)
              u_apb_arbiter : apb_arbiter #(NUM_MASTERS=2, IDX_W=1)
              u_apb_decoder : apb_decoder #(NUM_SLAVES=6, BASES=?, MASKS=?)
              u_apb_checker : apb_protocol_checker
              u_sram : sram_apb #(WORDS=256, ADDR_W=10)
              u_uart : uart_apb #(FIFO_DEPTH=8)
                tx_stream : stream_if #(WIDTH=8)
                rx_stream : stream_if #(WIDTH=8)
                u_tx_fifo : sync_fifo #(WIDTH=8, DEPTH=8, FWFT=1, ALMOST_FULL_LEVEL=7, CNT_W=4)
                u_rx_fifo : sync_fifo #(WIDTH=8, DEPTH=8, FWFT=1, ALMOST_FULL_LEVEL=7, CNT_W=4)
                u_clk_gate : clk_gate
                u_baud_gen : uart_baud_gen #(DIV_W=16)
                u_tx : uart_tx
                u_rx : uart_rx
                  u_rxd_sync : sync_2ff #(WIDTH=1, RESET_VALUE=1)
              u_timer : timer #(PRESCALE_W=16, NUM_CMP=2)
              u_gpio : gpio #(WIDTH=8)
              u_dma : dma_engine
              u_sys_ctrl : sys_ctrl #(NUM_IRQS=5)
              g_trace.u_irq_trace : irq_trace #(NUM_IRQS=5, FIFO_DEPTH=8)
                u_trace_fifo : async_fifo #(WIDTH=16, DEPTH=8)
                  u_sync_rgray : sync_2ff #(WIDTH=4, RESET_VALUE=0)
                  u_sync_wgray : sync_2ff #(WIDTH=4, RESET_VALUE=0)
            """);
    }

    [Fact]
    public void The_example_vhdl_subsystem_binds_components_entities_and_generate_scopes()
    {
        CheckExampleHierarchy("tb_periph_top", """
            tb_periph_top(sim)
              dut : periph_top(rtl) #(USE_CRC=true, DEBOUNCE_TICKS=8)
                g_buttons.u_debounce : debounce(rtl) #(STABLE_CYCLES=8) [for g_buttons: i in 0 to NUM_BUTTONS - 1]
                u_pwm : pwm_gen(rtl) #(WIDTH=8, CHANNELS=4)
                g_crc.u_crc : crc8_unit(rtl)
            """);
    }

    [Fact]
    public void The_example_tops_are_its_two_testbenches()
    {
        var tops = HierarchyElaborator.FindTops(ExampleDesign.BuildIndex().Units, CancellationToken.None);
        Assert.Equal("tb_soc, tb_periph_top", string.Join(", ", tops.Select(top => top.Name)));
    }

    private static void CheckHierarchy(string fixture, string expected, string[]? tops = null, bool showPorts = false)
    {
        var index = new MemoryWorkspace(fixture).BuildIndex();
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = [.. tops ?? []] }, CancellationToken.None);
        Assert.Equal(expected, HierarchyDump.Render(hierarchy, HierarchyDumpOptions.Default with { ShowPorts = showPorts }));
    }

    private static void CheckExampleHierarchy(string top, string expected)
    {
        var index = ExampleDesign.BuildIndex();
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = [top] }, CancellationToken.None);
        Assert.Empty(hierarchy.Diagnostics);
        Assert.Equal(expected, HierarchyDump.Render(hierarchy));
    }
}
