-- =============================================================================
-- crc8_unit - byte-serial CRC-8 calculator
--
-- Folds one byte per valid_i cycle into the running CRC (polynomial from
-- periph_pkg). clear_i restarts from CRC8_INIT; clear wins over valid.
-- The next-state logic is a separate combinational process so the CRC of the
-- byte currently on data_i is also visible without latency (crc_next_o).
-- =============================================================================
library ieee;
use ieee.std_logic_1164.all;
use ieee.numeric_std.all;

library work;
use work.periph_pkg.all;

entity crc8_unit is
  port (
    clk        : in  std_ulogic;
    rst_n      : in  std_ulogic;          -- asynchronous reset, active low
    clear_i    : in  std_ulogic;          -- restart the CRC
    valid_i    : in  std_ulogic;          -- data_i holds a byte to fold in
    data_i     : in  byte_t;
    crc_o      : out byte_t;              -- CRC of all bytes folded in so far
    crc_next_o : out byte_t;              -- CRC including data_i (combinational)
    count_o    : out unsigned(15 downto 0) -- bytes folded in since the last clear
  );
end entity crc8_unit;

architecture rtl of crc8_unit is

  signal crc_q   : byte_t;                -- CRC register
  signal crc_d   : byte_t;                -- next CRC value
  signal count_q : unsigned(15 downto 0); -- byte counter

begin

  -- Combinational next-state logic (explicit VHDL-93 style sensitivity list).
  p_next : process (crc_q, clear_i, valid_i, data_i)
  begin
    crc_d <= crc_q;
    if clear_i = '1' then
      crc_d <= CRC8_INIT;
    elsif valid_i = '1' then
      crc_d <= crc8_update(crc_q, data_i);
    end if;
  end process p_next;

  -- CRC and byte counter registers.
  p_reg : process (clk, rst_n)
  begin
    if rst_n = '0' then
      crc_q   <= CRC8_INIT;
      count_q <= (others => '0');
    elsif rising_edge(clk) then
      crc_q <= crc_d;
      if clear_i = '1' then
        count_q <= (others => '0');
      elsif valid_i = '1' then
        count_q <= count_q + 1;
      end if;
    end if;
  end process p_reg;

  crc_o      <= crc_q;
  crc_next_o <= crc8_update(crc_q, data_i);
  count_o    <= count_q;

end architecture rtl;
