-- =============================================================================
-- periph_top - VHDL peripheral subsystem: buttons -> PWM, plus a CRC engine
--
--   btn_i(i) --> debounce (component) --press--> duty(i) += DUTY_STEP
--                                                    |
--                                    pwm_gen (entity work.pwm_gen) --> pwm_o
--
--   data_i / data_valid_i --> crc8_unit (entity work.crc8_unit) --> crc_o
--
-- Every button owns one PWM channel: each debounced press raises that
-- channel's duty cycle by DUTY_STEP (wrapping to 0). The CRC engine is an
-- optional block (USE_CRC) that checksums a byte stream, e.g. the bytes a
-- host sends to the board.
--
-- Instantiation styles used on purpose:
--   * debounce: component declaration + component instantiation
--   * pwm_gen and crc8_unit: direct entity instantiation (entity work.x)
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

library work;
use work.periph_pkg.all;

entity periph_top is
  generic (
    USE_CRC        : boolean  := true;                       -- build the CRC engine
    DEBOUNCE_TICKS : positive := ms_to_cycles(DEBOUNCE_MS, CLK_FREQ_HZ)
  );
  port (
    clk          : in  std_ulogic;        -- system clock (CLK_FREQ_HZ)
    rst_n        : in  std_ulogic;        -- asynchronous reset, active low

    -- user interface
    btn_i        : in  std_ulogic_vector(NUM_BUTTONS - 1 downto 0);  -- raw push buttons
    pwm_o        : out std_ulogic_vector(NUM_BUTTONS - 1 downto 0);  -- LED / motor drive
    pwm_enable_i : in  std_ulogic;        -- global PWM enable

    -- byte stream to checksum
    data_valid_i : in  std_ulogic;
    data_i       : in  byte_t;
    crc_clear_i  : in  std_ulogic;
    crc_o        : out byte_t;

    status_o     : out periph_status_t    -- counters for a status register
  );
end entity periph_top;

architecture rtl of periph_top is

  -- Component declaration for the debouncer (bound to entity work.debounce
  -- by default binding).
  component debounce is
    generic (
      STABLE_CYCLES : positive := 16
    );
    port (
      clk       : in  std_ulogic;
      rst_n     : in  std_ulogic;
      button_i  : in  std_ulogic;
      level_o   : out std_ulogic;
      pressed_o : out std_ulogic
    );
  end component debounce;

  signal btn_level   : std_ulogic_vector(NUM_BUTTONS - 1 downto 0);  -- debounced levels
  signal btn_pressed : std_ulogic_vector(NUM_BUTTONS - 1 downto 0);  -- press pulses
  signal duty_q      : duty_array_t(0 to NUM_BUTTONS - 1);           -- PWM duty per channel
  signal presses_q   : unsigned(15 downto 0);                        -- total presses
  signal period_tick : std_ulogic;                                   -- PWM period start
  signal periods_q   : unsigned(15 downto 0);                        -- PWM periods seen
  signal crc_value   : byte_t;
  signal crc_count   : unsigned(15 downto 0);

begin

  -- ---------------------------------------------------------------------------
  -- One debouncer per button (for-generate, component instantiation)
  -- ---------------------------------------------------------------------------
  g_buttons : for i in 0 to NUM_BUTTONS - 1 generate
    u_debounce : component debounce
      generic map (
        STABLE_CYCLES => DEBOUNCE_TICKS
      )
      port map (
        clk       => clk,
        rst_n     => rst_n,
        button_i  => btn_i(i),
        level_o   => btn_level(i),
        pressed_o => btn_pressed(i)
      );
  end generate g_buttons;

  -- ---------------------------------------------------------------------------
  -- Duty cycle registers: a press on button i steps channel i's duty.
  -- ---------------------------------------------------------------------------
  p_duty : process (clk, rst_n)
  begin
    if rst_n = '0' then
      duty_q    <= (others => (others => '0'));
      presses_q <= (others => '0');
      periods_q <= (others => '0');
    elsif rising_edge(clk) then
      if period_tick = '1' then
        periods_q <= periods_q + 1;
      end if;
      for i in 0 to NUM_BUTTONS - 1 loop
        if btn_pressed(i) = '1' then
          duty_q(i) <= duty_q(i) + DUTY_STEP;   -- wraps at 2**PWM_WIDTH
          presses_q <= presses_q + 1;
        end if;
      end loop;
    end if;
  end process p_duty;

  -- ---------------------------------------------------------------------------
  -- PWM generator (direct entity instantiation)
  -- ---------------------------------------------------------------------------
  u_pwm : entity work.pwm_gen(rtl)
    generic map (
      WIDTH    => PWM_WIDTH,
      CHANNELS => NUM_BUTTONS
    )
    port map (
      clk      => clk,
      rst_n    => rst_n,
      enable_i => pwm_enable_i,
      duty_i   => duty_q,
      pwm_o    => pwm_o,
      period_o => period_tick
    );

  -- ---------------------------------------------------------------------------
  -- Optional CRC engine (if-generate, direct entity instantiation)
  -- ---------------------------------------------------------------------------
  g_crc : if USE_CRC generate
    u_crc : entity work.crc8_unit
      port map (
        clk        => clk,
        rst_n      => rst_n,
        clear_i    => crc_clear_i,
        valid_i    => data_valid_i,
        data_i     => data_i,
        crc_o      => crc_value,
        crc_next_o => open,
        count_o    => crc_count
      );
  else generate
    crc_value <= CRC8_INIT;
    crc_count <= (others => '0');
  end generate g_crc;

  crc_o <= crc_value;

  -- Status record for a register interface (combinational, VHDL-2008 style).
  p_status : process (all)
  begin
    status_o             <= PERIPH_STATUS_RESET;
    status_o.buttons     <= btn_level;
    status_o.presses     <= presses_q;
    status_o.pwm_periods <= periods_q;
    status_o.crc_bytes   <= crc_count;
    status_o.crc         <= crc_value;
  end process p_status;

end architecture rtl;
