-- =============================================================================
-- periph_pkg - shared types, constants and helper functions for the VHDL
--              peripheral subsystem (debounced buttons, PWM outputs, CRC-8)
--
-- Compile first; every other file in this directory uses it.
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

package periph_pkg is

  -- ---------------------------------------------------------------------------
  -- Constants
  -- ---------------------------------------------------------------------------
  constant CLK_FREQ_HZ   : natural := 50_000_000;   -- system clock of the board
  constant DEBOUNCE_MS   : natural := 5;            -- button must be stable this long
  constant PWM_WIDTH     : natural := 8;            -- PWM counter / duty resolution
  constant NUM_BUTTONS   : natural := 4;            -- one button per PWM channel
  constant DUTY_STEP     : natural := 32;           -- duty increment per button press

  -- CRC-8/ATM (x^8 + x^2 + x + 1), MSB first, initial value 0x00.
  constant CRC8_POLY     : std_ulogic_vector(7 downto 0) := x"07";
  constant CRC8_INIT     : std_ulogic_vector(7 downto 0) := x"00";

  -- ---------------------------------------------------------------------------
  -- Types
  -- ---------------------------------------------------------------------------
  subtype byte_t is std_ulogic_vector(7 downto 0);
  subtype duty_t is unsigned(PWM_WIDTH - 1 downto 0);

  -- Duty cycle of every PWM channel (index = channel number).
  type duty_array_t is array (natural range <>) of duty_t;

  -- Status snapshot exported by periph_top.
  type periph_status_t is record
    buttons     : std_ulogic_vector(NUM_BUTTONS - 1 downto 0);  -- debounced levels
    presses     : unsigned(15 downto 0);   -- debounced button presses since reset
    pwm_periods : unsigned(15 downto 0);   -- completed PWM periods (wraps)
    crc_bytes   : unsigned(15 downto 0);   -- bytes folded into the CRC
    crc         : byte_t;                  -- current CRC value
  end record periph_status_t;

  constant PERIPH_STATUS_RESET : periph_status_t := (
    buttons     => (others => '0'),
    presses     => (others => '0'),
    pwm_periods => (others => '0'),
    crc_bytes   => (others => '0'),
    crc         => CRC8_INIT
  );

  -- ---------------------------------------------------------------------------
  -- Functions
  -- ---------------------------------------------------------------------------
  -- Ceiling of log2, at least 1 (width of a counter that must hold value n-1).
  function clog2(n : positive) return positive;

  -- Clock cycles in the given number of milliseconds at CLK_FREQ_HZ.
  function ms_to_cycles(ms : natural; clk_hz : natural) return natural;

  -- One byte step of the CRC-8 (bitwise, MSB first).
  function crc8_update(crc : byte_t; data : byte_t) return byte_t;

end package periph_pkg;

package body periph_pkg is

  function clog2(n : positive) return positive is
    variable width : positive := 1;
  begin
    while 2 ** width < n loop
      width := width + 1;
    end loop;
    return width;
  end function clog2;

  function ms_to_cycles(ms : natural; clk_hz : natural) return natural is
  begin
    return ms * (clk_hz / 1000);
  end function ms_to_cycles;

  function crc8_update(crc : byte_t; data : byte_t) return byte_t is
    variable c : byte_t := crc xor data;
  begin
    for i in 0 to 7 loop
      if c(7) = '1' then
        c := (c(6 downto 0) & '0') xor CRC8_POLY;
      else
        c := c(6 downto 0) & '0';
      end if;
    end loop;
    return c;
  end function crc8_update;

end package body periph_pkg;
