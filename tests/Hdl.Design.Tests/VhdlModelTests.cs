using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design.Tests;

/// <summary>The design model of VHDL files, one construct per test.</summary>
public class VhdlModelTests
{
    [Fact]
    public void Entity_with_generics_ports_and_context()
    {
        CheckModel("""
            library ieee;
            use ieee.std_logic_1164.all;
            use ieee.numeric_std.all;
            -- Pulse-width modulator.
            entity pwm is
              generic (WIDTH : positive := 8);
              port (
                clk   : in  std_logic;  -- system clock
                duty  : in  unsigned(WIDTH-1 downto 0);
                pwm_o : out std_logic
              );
            end entity pwm;
            """, """
            entity pwm @5
              doc "Pulse-width modulator."
              import ieee.std_logic_1164::*
              import ieee.numeric_std::*
              parameter positive WIDTH = 8
              port in std_logic clk // system clock
              port in unsigned(WIDTH-1 downto 0) duty
              port out std_logic pwm_o
            """);
    }

    [Fact]
    public void Architecture_with_clocked_process_async_reset_and_concurrent_assignments()
    {
        CheckModel("""
            architecture rtl of counter is
              type state_t is (IDLE, RUN, DONE);
              signal cnt   : unsigned(7 downto 0);
              signal state : state_t;
            begin
              p_cnt : process (clk, rst_n)
              begin
                if rst_n = '0' then
                  cnt <= (others => '0');
                elsif rising_edge(clk) then
                  if en = '1' then
                    cnt <= cnt + 1;
                  end if;
                end if;
              end process p_cnt;
              done <= '1' when cnt = max else '0';
              with state select busy <= '0' when IDLE, '1' when others;
            end architecture;
            """, """
            architecture rtl of counter @1
              enum (IDLE, RUN, DONE) state_t {IDLE, RUN, DONE}
              enummember state_t IDLE
              enummember state_t RUN
              enummember state_t DONE
              signal unsigned(7 downto 0) cnt
              signal state_t state
              assign done =  if cnt, max
              assign busy =  if state
              process process p_cnt @(clk, rst_n) clock posedge clk reset rst_n low async
                cnt <=  if rst_n
                cnt <= cnt if rst_n, en
            """);
    }

    [Fact]
    public void Synchronous_reset_and_process_all()
    {
        CheckModel("""
            architecture rtl of r is
            begin
              process (clk)
              begin
                if rising_edge(clk) then
                  if srst = '1' then
                    q <= '0';
                  else
                    q <= d;
                  end if;
                end if;
              end process;
              comb : process (all)
                variable t : std_logic;
              begin
                t := a and b;
                y <= t;
              end process;
            end architecture;
            """, """
            architecture rtl of r @1
              process process @(clk) clock posedge clk reset srst high sync
                q <=  if srst
                q <= d if srst
              process process comb @*
                t = a, b
                y <= t
            """);
    }

    [Fact]
    public void Component_entity_and_generate_instances()
    {
        CheckModel("""
            architecture struct of top is
              component debounce is
                generic (N : natural := 4);
                port (clk : in std_logic; d : in std_logic; q : out std_logic);
              end component;
              signal raw, clean : std_logic_vector(3 downto 0);
            begin
              g_btn : for i in 0 to 3 generate
                u_db : debounce generic map (N => 8) port map (clk => clk, d => raw(i), q => clean(i));
              end generate;
              g_opt : if USE_PWM generate
                u_pwm : entity work.pwm(rtl) port map (clk, duty, open);
              end generate g_opt;
            end architecture;
            """, """
            architecture struct of top @1
              component debounce {N, clk, d, q}
              signal std_logic_vector(3 downto 0) raw
              signal std_logic_vector(3 downto 0) clean
              generate for g_btn (i in 0 to 3)
              generate if g_opt (USE_PWM)
              instance debounce u_db #(.N(8)) (.clk(clk), .d(raw(i)), .q(clean(i))) in g_btn
              instance pwm u_pwm (clk, duty, ) in g_opt
            """);
    }

    [Fact]
    public void Package_with_constants_records_functions_and_its_body()
    {
        CheckModel("""
            package periph_pkg is
              constant DATA_W : natural := 8;
              type reg_t is record
                addr : unsigned(7 downto 0);
                data : std_logic_vector(DATA_W-1 downto 0);
              end record;
              function parity(v : std_logic_vector) return std_logic;
            end package;
            package body periph_pkg is
              function parity(v : std_logic_vector) return std_logic is
                variable p : std_logic := '0';
              begin
                for i in v'range loop
                  p := p xor v(i);
                end loop;
                return p;
              end function;
            end package body;
            """, """
            package periph_pkg @1
              constant natural DATA_W = 8
              struct record addr : unsigned(7 downto 0); data : std_logic_vector(DATA_W-1 downto 0); end record reg_t {addr, data}
              function std_logic parity(in v)
            package body periph_pkg of periph_pkg @9
              function std_logic parity(in v)
            """);
    }

    private static void CheckModel(string fixture, string expected)
    {
        var tree = SyntaxParser.Parse(SourceText.From("design.vhd", fixture + "\n"));
        Assert.Empty(tree.Diagnostics);
        var model = DesignModel.Build(tree, CancellationToken.None);
        Assert.Equal(expected, DesignModelDump.Render(model));
    }
}
