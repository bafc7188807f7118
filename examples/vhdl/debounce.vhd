-- =============================================================================
-- debounce - push-button synchronizer and debouncer
--
-- The raw button input is synchronized with two flip-flops, then a counter
-- measures how long the synchronized level has differed from the accepted
-- (debounced) level. Only after STABLE_CYCLES consecutive cycles of the new
-- level is it accepted. A one-cycle pulse marks every accepted press.
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

library work;
use work.periph_pkg.all;

entity debounce is
  generic (
    STABLE_CYCLES : positive := 16        -- cycles the input must stay stable
  );
  port (
    clk       : in  std_ulogic;
    rst_n     : in  std_ulogic;           -- asynchronous reset, active low
    button_i  : in  std_ulogic;           -- raw, bouncing, asynchronous input
    level_o   : out std_ulogic;           -- debounced level
    pressed_o : out std_ulogic            -- one-cycle pulse on a debounced 0 -> 1
  );
end entity debounce;

architecture rtl of debounce is

  constant CNT_W : positive := clog2(STABLE_CYCLES + 1);

  signal sync_meta   : std_ulogic;                  -- synchronizer stage 1
  signal sync_q      : std_ulogic;                  -- synchronizer stage 2
  signal stable_q    : std_ulogic;                  -- accepted (debounced) level
  signal pressed_q   : std_ulogic;                  -- press pulse register
  signal stable_cnt  : unsigned(CNT_W - 1 downto 0); -- cycles the new level has held

begin

  -- Clocked process with asynchronous reset: synchronizer, counter, state.
  p_debounce : process (clk, rst_n)
  begin
    if rst_n = '0' then
      sync_meta  <= '0';
      sync_q     <= '0';
      stable_q   <= '0';
      pressed_q  <= '0';
      stable_cnt <= (others => '0');
    elsif rising_edge(clk) then
      sync_meta <= button_i;
      sync_q    <= sync_meta;
      pressed_q <= '0';

      if sync_q = stable_q then
        -- No change requested: restart the measurement.
        stable_cnt <= (others => '0');
      elsif stable_cnt = STABLE_CYCLES - 1 then
        -- The new level held long enough: accept it.
        stable_q   <= sync_q;
        stable_cnt <= (others => '0');
        if sync_q = '1' then
          pressed_q <= '1';
        end if;
      else
        stable_cnt <= stable_cnt + 1;
      end if;
    end if;
  end process p_debounce;

  level_o   <= stable_q;
  pressed_o <= pressed_q;

end architecture rtl;
