// =============================================================================
// uart_tx - UART transmitter (8 data bits, optional parity, 1 or 2 stop bits)
//
// Frame on the line (LSB first):
//   idle(1) | start(0) | d0 .. d7 | [parity] | stop(1) [| stop(1)]
//
// Takes bytes from a valid/ready stream (the TX FIFO). Every bit lasts
// 16 oversampling ticks from uart_baud_gen.
// =============================================================================
`include "defines.svh"

module uart_tx (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       tick_i,         // 16x baud tick

  // configuration (static while a frame is in flight)
  input  logic [1:0] parity_mode_i,  // soc_pkg::parity_e encoding
  input  logic       two_stop_i,     // 1 = send two stop bits

  // byte stream from the TX FIFO
  input  logic       s_valid_i,
  output logic       s_ready_o,
  input  logic [7:0] s_data_i,

  output logic       txd_o,          // serial output, idles high
  output logic       busy_o          // a frame is being shifted out
);

  // Transmitter state machine
  typedef enum logic [2:0] {
    TX_IDLE,
    TX_START,
    TX_DATA,
    TX_PARITY,
    TX_STOP
  } tx_state_e;

  tx_state_e  state_q;
  logic [3:0] tick_cnt_q;   // oversampling ticks within the current bit
  logic [2:0] bit_idx_q;    // data bit being sent
  logic [7:0] shift_q;      // frame data, shifted out LSB first
  logic       parity_q;     // parity bit computed when the byte is loaded
  logic       stop_cnt_q;   // second stop bit in progress

  logic bit_done;           // last tick of the current bit period
  assign bit_done = tick_i && (tick_cnt_q == 4'(soc_pkg::UART_OVERSAMPLE - 1));

  // The byte is accepted in IDLE; the FIFO pops on s_valid_i && s_ready_o.
  assign s_ready_o = (state_q == TX_IDLE);
  assign busy_o    = (state_q != TX_IDLE);

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_tx_fsm
    if (!rst_ni) begin
      state_q    <= TX_IDLE;
      tick_cnt_q <= '0;
      bit_idx_q  <= '0;
      shift_q    <= '0;
      parity_q   <= 1'b0;
      stop_cnt_q <= 1'b0;
      txd_o      <= 1'b1;
    end else begin
      if (tick_i) tick_cnt_q <= tick_cnt_q + 1'b1;

      case (state_q)
        TX_IDLE: begin
          txd_o <= 1'b1;
          if (s_valid_i) begin
            shift_q    <= s_data_i;
            parity_q   <= soc_pkg::parity_bit(s_data_i, parity_mode_i == soc_pkg::PARITY_ODD);
            tick_cnt_q <= '0;
            state_q    <= TX_START;
          end
        end

        TX_START: begin
          txd_o <= 1'b0;
          if (bit_done) begin
            bit_idx_q <= '0;
            state_q   <= TX_DATA;
          end
        end

        TX_DATA: begin
          txd_o <= shift_q[0];
          if (bit_done) begin
            shift_q   <= {1'b0, shift_q[7:1]};
            bit_idx_q <= bit_idx_q + 1'b1;
            if (bit_idx_q == 3'd7) begin
              state_q <= (parity_mode_i == soc_pkg::PARITY_NONE) ? TX_STOP : TX_PARITY;
              stop_cnt_q <= 1'b0;
            end
          end
        end

        TX_PARITY: begin
          txd_o <= parity_q;
          if (bit_done) state_q <= TX_STOP;
        end

        TX_STOP: begin
          txd_o <= 1'b1;
          if (bit_done) begin
            if (two_stop_i && !stop_cnt_q) begin
              stop_cnt_q <= 1'b1;
            end else begin
              state_q <= TX_IDLE;
            end
          end
        end

        default: state_q <= TX_IDLE;
      endcase
    end
  end

`ifdef SIMULATION
  always @(posedge clk_i) begin : p_trace
    if (state_q == TX_IDLE && s_valid_i) begin
      `SOC_TRACE(("%t uart_tx: sending 0x%02h", $time, s_data_i))
    end
  end
`endif

endmodule : uart_tx
