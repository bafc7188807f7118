-- =============================================================================
-- pwm_gen - multi-channel PWM generator
--
-- One free-running counter is shared by all channels; channel i drives its
-- output high while counter < duty_i(i). duty = 0 gives a constant low,
-- duty = 2**WIDTH - 1 is high for all but one cycle of the period.
-- A period_o pulse marks the counter wrap (start of every PWM period).
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

library work;
use work.periph_pkg.all;

entity pwm_gen is
  generic (
    WIDTH    : positive := PWM_WIDTH;     -- counter / duty resolution in bits
    CHANNELS : positive := 4              -- number of PWM outputs
  );
  port (
    clk      : in  std_ulogic;
    rst_n    : in  std_ulogic;            -- asynchronous reset, active low
    enable_i : in  std_ulogic;            -- 0 stops the counter, outputs low
    duty_i   : in  duty_array_t(0 to CHANNELS - 1);
    pwm_o    : out std_ulogic_vector(CHANNELS - 1 downto 0);
    period_o : out std_ulogic             -- one-cycle pulse at counter wrap
  );
end entity pwm_gen;

architecture rtl of pwm_gen is

  signal counter_q : unsigned(WIDTH - 1 downto 0);   -- shared PWM period counter
  signal wrap      : std_ulogic;                     -- counter at its last value

begin

  -- Period counter.
  p_counter : process (clk, rst_n)
  begin
    if rst_n = '0' then
      counter_q <= (others => '0');
    elsif rising_edge(clk) then
      if enable_i = '0' then
        counter_q <= (others => '0');
      else
        counter_q <= counter_q + 1;
      end if;
    end if;
  end process p_counter;

  -- VHDL-2008: the sensitivity list is inferred with process (all).
  p_wrap : process (all)
  begin
    if enable_i = '1' and counter_q = (counter_q'range => '1') then
      wrap <= '1';
    else
      wrap <= '0';
    end if;
  end process p_wrap;

  period_o <= wrap;

  -- One comparator per channel.
  g_channel : for ch in 0 to CHANNELS - 1 generate
    signal duty_ch : unsigned(WIDTH - 1 downto 0);   -- duty of this channel
  begin
    duty_ch <= resize(duty_i(ch), WIDTH);

    p_compare : process (all)
    begin
      if enable_i = '1' and counter_q < duty_ch then
        pwm_o(ch) <= '1';
      else
        pwm_o(ch) <= '0';
      end if;
    end process p_compare;
  end generate g_channel;

end architecture rtl;
