using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>
/// Issue #4: generate conditions decided by elaboration, as yosys and GHDL decide them, in both languages. A branch
/// whose condition is known false is dropped, the one a known condition selects is kept, and a condition that
/// cannot be computed keeps its branch, marked.
/// </summary>
public class GenerateConditionTests
{
    [Fact]
    public void Vhdl_boolean_generics_and_constants_decide_if_generates()
    {
        CheckHierarchy("""
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            library ieee; use ieee.std_logic_1164.all;
            entity top is
              generic (GPIO_NUM : natural := 0; PMP_EN : boolean := true; MODE : string := "none"; POL : std_logic := '1');
            end entity;
            architecture rtl of top is
              constant gpio_en_c : boolean := boolean(GPIO_NUM > 0);
            begin
              g_gpio : if gpio_en_c generate
                u_gpio : entity work.leaf;
              end generate;
              g_no_gpio : if not gpio_en_c and (PMP_EN = true) generate
                u_pmp : entity work.leaf;
              end generate;
              g_mode : if MODE /= "none" generate
                u_mode : entity work.leaf;
              end generate;
              g_pol : if POL = '1' generate
                u_pol : entity work.leaf;
              end generate;
            end architecture;
            """, """
            top(rtl) #(GPIO_NUM=0, PMP_EN=true, MODE="none", POL='1')
              g_no_gpio.u_pmp : leaf(rtl)
              g_pol.u_pol : leaf(rtl)
            """, tops: ["top"]);
    }

    [Fact]
    public void Vhdl_if_elsif_else_generate_keeps_exactly_one_branch()
    {
        CheckHierarchy("""
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            entity top is generic (WIDTH : natural := 16); end entity;
            architecture rtl of top is
            begin
              g_width : if WIDTH <= 8 generate
                u_narrow : entity work.leaf;
              elsif WIDTH <= 16 generate
                u_medium : entity work.leaf;
              else generate
                u_wide : entity work.leaf;
              end generate;
            end architecture;
            //- /rtl/wrap.vhd
            entity wrap is end entity;
            architecture rtl of wrap is
            begin
              u_top : entity work.top generic map (WIDTH => 32);
            end architecture;
            """, """
            top(rtl) #(WIDTH=16)
              g_width.u_medium : leaf(rtl)
            wrap(rtl)
              u_top : top(rtl) #(WIDTH=32)
                g_width.u_wide : leaf(rtl)
            """, tops: ["top", "wrap"]);
    }

    [Fact]
    public void Vhdl_case_generate_on_an_enumeration_from_a_package_keeps_the_matching_alternative_or_others()
    {
        CheckHierarchy("""
            //- /rtl/pkg.vhd
            package cfg_pkg is
              type impl_t is (IMPL_FAST, IMPL_SMALL, IMPL_NONE);
              constant default_impl_c : impl_t := IMPL_SMALL;
            end package;
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            use work.cfg_pkg.all;
            entity top is generic (IMPL : impl_t := default_impl_c); end entity;
            architecture rtl of top is
            begin
              g_impl : case IMPL generate
                when IMPL_FAST =>
                  u_fast : entity work.leaf;
                when IMPL_SMALL | IMPL_NONE =>
                  u_small : entity work.leaf;
              end generate;
              g_other : case IMPL generate
                when IMPL_FAST =>
                  u_fast2 : entity work.leaf;
                when others =>
                  u_others : entity work.leaf;
              end generate;
            end architecture;
            //- /rtl/wrap.vhd
            use work.cfg_pkg.all;
            entity wrap is end entity;
            architecture rtl of wrap is
            begin
              u_top : entity work.top generic map (IMPL_FAST);
            end architecture;
            """, """
            top(rtl) #(IMPL=IMPL_SMALL)
              g_impl.u_small : leaf(rtl)
              g_other.u_others : leaf(rtl)
            wrap(rtl)
              u_top : top(rtl) #(IMPL=IMPL_FAST)
                g_impl.u_fast : leaf(rtl)
                g_other.u_fast2 : leaf(rtl)
            """, tops: ["top", "wrap"]);
    }

    [Fact]
    public void Vhdl_functions_that_only_return_are_evaluated_and_others_leave_the_condition_unknown()
    {
        CheckHierarchy("""
            //- /rtl/pkg.vhd
            package util_pkg is
              function sel_natural_f(c : boolean; t, f : natural) return natural;
              function index_size_f(n : natural) return natural;
            end package;
            package body util_pkg is
              function sel_natural_f(c : boolean; t, f : natural) return natural is
              begin
                if c then
                  return t;
                else
                  return f;
                end if;
              end function;
              function index_size_f(n : natural) return natural is
              begin
                for i in 0 to 31 loop
                  if (2**i >= n) then
                    return i;
                  end if;
                end loop;
                return 32;
              end function;
            end package body;
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            use work.util_pkg.all;
            entity top is generic (DUAL_CORE_EN : boolean := false; DEPTH : natural := 16); end entity;
            architecture rtl of top is
              constant num_cores_c : natural := sel_natural_f(DUAL_CORE_EN, 2, 1);
            begin
              g_dual : if num_cores_c = 2 generate
                u_arbiter : entity work.leaf;
              end generate;
              g_single : if num_cores_c = 1 generate
                u_single : entity work.leaf;
              end generate;
              g_deep : if index_size_f(DEPTH) > 3 generate
                u_deep : entity work.leaf;
              end generate;
            end architecture;
            """, """
            top(rtl) #(DUAL_CORE_EN=false, DEPTH=16)
              g_single.u_single : leaf(rtl)
              g_deep.u_deep : leaf(rtl) [g_deep: if index_size_f(DEPTH) > 3]
            """, tops: ["top"]);
    }

    [Fact]
    public void Vhdl_real_generics_compare_with_reals()
    {
        CheckHierarchy("""
            //- /rtl/leaf.vhd
            entity leaf is end entity;
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            entity top is generic (CLK_FREQ : real := 125.0e6; BAUD : real := 115_200.0); end entity;
            architecture rtl of top is
              constant divider_c : natural := integer(CLK_FREQ / BAUD);
            begin
              g_fast : if CLK_FREQ > 100.0e6 and divider_c > 1000 generate
                u_sync : entity work.leaf;
              end generate;
            end architecture;
            """, """
            top(rtl) #(CLK_FREQ=125000000.0, BAUD=115200.0)
              g_fast.u_sync : leaf(rtl)
            """, tops: ["top"]);
    }

    [Fact]
    public void Sv_string_parameters_logical_operators_and_localparams_decide_if_generates()
    {
        CheckHierarchy("""
            module leaf; endmodule
            module top #(parameter string IMPL = "fast", parameter int DEPTH = 64) ();
              localparam int AW = $clog2(DEPTH);
              localparam bit BIG = AW >= 6 && IMPL != "small";
              if (IMPL == "fast") begin : g_fast
                leaf u_fast ();
              end else begin : g_slow
                leaf u_slow ();
              end
              if (BIG ? 4'b1010 === 10 : 0) begin : g_big
                leaf u_big ();
              end
              if (!(AW < 6) || IMPL == "none") begin : g_six
                leaf u_six ();
              end
            endmodule
            module wrap; top #(.IMPL("small"), .DEPTH(8)) u_top (); endmodule
            """, """
            top #(IMPL="fast", DEPTH=64)
              g_fast.u_fast : leaf
              g_big.u_big : leaf
              g_six.u_six : leaf
            wrap
              u_top : top #(IMPL="small", DEPTH=8)
                g_slow.u_slow : leaf
            """, tops: ["top", "wrap"]);
    }

    [Fact]
    public void Sv_case_generate_on_a_package_enum_keeps_the_first_matching_item_or_default()
    {
        CheckHierarchy("""
            //- /rtl/pkg.sv
            package cfg_pkg;
              typedef enum logic [1:0] { IMPL_FAST, IMPL_SMALL = 2, IMPL_NONE } impl_e;
            endpackage
            //- /rtl/top.sv
            module leaf; endmodule
            module top import cfg_pkg::*; #(parameter impl_e IMPL = IMPL_NONE) ();
              case (IMPL)
                IMPL_FAST: begin : g_fast
                  leaf u_fast ();
                end
                IMPL_SMALL, IMPL_NONE: begin : g_small
                  leaf u_small ();
                end
                default: begin : g_default
                  leaf u_default ();
                end
              endcase
            endmodule
            module wrap; top #(.IMPL(cfg_pkg::IMPL_FAST)) u_top (); top #(.IMPL(1)) u_other (); endmodule
            """, """
            top #(IMPL=3)
              g_small.u_small : leaf
            wrap
              u_top : top #(IMPL=0)
                g_fast.u_fast : leaf
              u_other : top #(IMPL=1)
                g_default.u_default : leaf
            """, tops: ["top", "wrap"]);
    }

    [Fact]
    public void Mixed_language_a_verilog_bit_sets_a_vhdl_boolean_generic_and_a_vhdl_boolean_sets_a_verilog_parameter()
    {
        CheckHierarchy("""
            //- /rtl/top.sv
            module top;
              filter #(.USE_FIR(1'b1)) u_fir ();
              filter #(.USE_FIR(0)) u_iir ();
            endmodule
            //- /rtl/filter.vhd
            entity filter is generic (USE_FIR : boolean := false); end entity;
            architecture rtl of filter is
              component tap is generic (PIPELINED : natural := 0); end component;
            begin
              g_fir : if USE_FIR generate
                u_tap : tap generic map (PIPELINED => USE_FIR);
              else generate
                u_iir_tap : tap generic map (PIPELINED => false);
              end generate;
            end architecture;
            //- /rtl/tap.v
            module tap #(parameter PIPELINED = 0) ();
              generate if (PIPELINED) begin : g_reg
                tap_reg u_reg ();
              end endgenerate
            endmodule
            module tap_reg; endmodule
            """, """
            top
              u_fir : filter(rtl) #(USE_FIR=true)
                g_fir.u_tap : tap #(PIPELINED=1)
                  g_reg.u_reg : tap_reg
              u_iir : filter(rtl) #(USE_FIR=false)
                g_fir.u_iir_tap : tap #(PIPELINED=0)
            """);
    }

    private static void CheckHierarchy(string fixture, string expected, string[]? tops = null)
    {
        var index = new MemoryWorkspace(fixture).BuildIndex();
        var hierarchy = HierarchyElaborator.Elaborate(index, ElaborationOptions.Default with { Tops = [.. tops ?? []] }, CancellationToken.None);
        Assert.Equal(expected, HierarchyDump.Render(hierarchy));
    }
}
