// =============================================================================
// uart_baud_gen - baud rate tick generator
//
// Divides the (gated) UART clock down to the oversampling tick that paces both
// the transmitter and the receiver. With 16x oversampling the resulting baud
// rate is
//
//     baud = f_clk / (16 * (divisor_i + 1))
//
// e.g. 50 MHz with divisor_i = 26 gives 115 741 baud (+0.5 % vs 115 200).
// =============================================================================
`include "defines.svh"

module uart_baud_gen #(
  parameter int DIV_W = 16   // width of the divisor register
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             en_i,       // 0 holds the counter in reset
  input  logic [DIV_W-1:0] divisor_i,  // BAUD register value (divide ratio - 1)
  output logic             tick_o      // one-cycle pulse at 16x the baud rate
);

  // Clock divider counter for the baud rate: counts down from divisor_i to
  // zero and reloads; the terminal count produces the oversampling tick.
  logic [DIV_W-1:0] baud_cnt_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_baud_counter
    if (!rst_ni) begin
      baud_cnt_q <= '0;
      tick_o     <= 1'b0;
    end else if (!en_i) begin
      baud_cnt_q <= divisor_i;
      tick_o     <= 1'b0;
    end else if (baud_cnt_q == '0) begin
      baud_cnt_q <= divisor_i;
      tick_o     <= 1'b1;
    end else begin
      baud_cnt_q <= baud_cnt_q - 1'b1;
      tick_o     <= 1'b0;
    end
  end

endmodule : uart_baud_gen
