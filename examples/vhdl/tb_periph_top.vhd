-- =============================================================================
-- tb_periph_top - self-checking testbench for periph_top
--
--   * bounces button 0, checks that exactly one press is counted and that the
--     PWM channel 0 duty becomes DUTY_STEP (measured on pwm_o(0))
--   * feeds the CRC check string "123456789" and expects 0xF4 (CRC-8/ATM)
-- Ends with "TB_PERIPH PASSED" or an assertion failure.
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

library work;
use work.periph_pkg.all;

entity tb_periph_top is
end entity tb_periph_top;

architecture sim of tb_periph_top is

  constant CLK_PERIOD : time := 20 ns;
  constant DEB_TICKS  : positive := 8;     -- short debounce for simulation

  signal clk          : std_ulogic := '0';
  signal rst_n        : std_ulogic := '0';
  signal btn          : std_ulogic_vector(NUM_BUTTONS - 1 downto 0) := (others => '0');
  signal pwm          : std_ulogic_vector(NUM_BUTTONS - 1 downto 0);
  signal data_valid   : std_ulogic := '0';
  signal data         : byte_t := (others => '0');
  signal crc_clear    : std_ulogic := '0';
  signal crc          : byte_t;
  signal status       : periph_status_t;
  signal done         : boolean := false;

begin

  clk <= not clk after CLK_PERIOD / 2 when not done;

  dut : entity work.periph_top
    generic map (
      USE_CRC        => true,
      DEBOUNCE_TICKS => DEB_TICKS
    )
    port map (
      clk          => clk,
      rst_n        => rst_n,
      btn_i        => btn,
      pwm_o        => pwm,
      pwm_enable_i => '1',
      data_valid_i => data_valid,
      data_i       => data,
      crc_clear_i  => crc_clear,
      crc_o        => crc,
      status_o     => status
    );

  p_stimulus : process
    constant CHECK_STRING : string := "123456789";
    variable high_cycles  : natural;
    variable periods      : unsigned(15 downto 0);
  begin
    wait for 5 * CLK_PERIOD;
    rst_n <= '1';
    wait until rising_edge(clk);

    -- Bouncing press on button 0: short glitches, then a stable high level.
    for i in 1 to 3 loop
      btn(0) <= '1'; wait for 2 * CLK_PERIOD;
      btn(0) <= '0'; wait for 3 * CLK_PERIOD;
    end loop;
    btn(0) <= '1';
    wait for (DEB_TICKS + 10) * CLK_PERIOD;
    assert status.presses = 1
      report "expected exactly one debounced press" severity failure;
    assert status.buttons(0) = '1'
      report "debounced level of button 0 should be high" severity failure;

    -- Duty of channel 0 is now DUTY_STEP: count high cycles over one period.
    periods := status.pwm_periods;
    wait until rising_edge(clk) and status.pwm_periods /= periods;   -- start of a period
    high_cycles := 0;
    for i in 1 to 2 ** PWM_WIDTH loop
      wait until rising_edge(clk);
      if pwm(0) = '1' then
        high_cycles := high_cycles + 1;
      end if;
    end loop;
    assert high_cycles = DUTY_STEP
      report "PWM channel 0 high for " & integer'image(high_cycles) & " cycles" severity failure;

    -- CRC-8/ATM check value of "123456789" is 0xF4.
    for i in CHECK_STRING'range loop
      data       <= std_ulogic_vector(to_unsigned(character'pos(CHECK_STRING(i)), 8));
      data_valid <= '1';
      wait until rising_edge(clk);
    end loop;
    data_valid <= '0';
    wait until rising_edge(clk);
    assert crc = x"F4"
      report "CRC mismatch" severity failure;
    assert status.crc_bytes = 9
      report "CRC byte count mismatch" severity failure;

    report "TB_PERIPH PASSED";
    done <= true;
    wait;
  end process p_stimulus;

end architecture sim;
