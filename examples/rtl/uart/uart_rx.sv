// =============================================================================
// uart_rx - UART receiver with 16x oversampling
//
// The asynchronous rxd_i line is synchronized first. A falling edge starts a
// frame; the start bit is re-checked at its middle (tick 7) to reject glitches,
// and every following bit is sampled once, 16 ticks after the previous sample,
// i.e. in the middle of the bit cell.
//
// A stop bit sampled low is reported as a framing error, and the receiver
// then waits for the line to return high (break handling) before it looks for
// the next start bit.
//
// Received bytes are pushed out as single-cycle m_valid_o pulses; there is no
// back-pressure on a serial line, so the consumer (RX FIFO) must keep up or
// record an overrun.
// =============================================================================
`include "defines.svh"

module uart_rx (
  input  logic       clk_i,
  input  logic       rst_ni,
  input  logic       tick_i,          // 16x baud tick

  input  logic [1:0] parity_mode_i,   // soc_pkg::parity_e encoding
  input  logic       rxd_i,           // serial input (asynchronous)

  output logic       m_valid_o,       // one-cycle pulse: m_data_o holds a byte
  output logic [7:0] m_data_o,
  output logic       frame_err_o,     // pulse: stop bit was sampled low
  output logic       parity_err_o,    // pulse: parity bit mismatch
  output logic       busy_o           // a frame is being received
);

  typedef enum logic [2:0] {
    RX_IDLE,
    RX_START,
    RX_DATA,
    RX_PARITY,
    RX_STOP,
    RX_BREAK     // line still low after a bad stop bit: wait until it idles
  } rx_state_e;

  logic rxd_sync;   // rxd_i after the two-flop synchronizer

  sync_2ff #(.WIDTH(1), .RESET_VALUE(1'b1)) u_rxd_sync (
    .clk_i  (clk_i),
    .rst_ni (rst_ni),
    .d_i    (rxd_i),
    .q_o    (rxd_sync)
  );

  rx_state_e  state_q;
  logic [3:0] tick_cnt_q;     // oversampling ticks since the last sample point
  logic [2:0] bit_idx_q;      // index of the next data bit
  logic [7:0] shift_q;        // received data, shifted in LSB first
  logic       parity_calc_q;  // running XOR of the received data bits

  logic sample;               // 16 ticks after the previous sample point
  assign sample = tick_i && (tick_cnt_q == 4'(soc_pkg::UART_OVERSAMPLE - 1));
  assign busy_o = (state_q != RX_IDLE);

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_rx_fsm
    if (!rst_ni) begin
      state_q       <= RX_IDLE;
      tick_cnt_q    <= '0;
      bit_idx_q     <= '0;
      shift_q       <= '0;
      parity_calc_q <= 1'b0;
      m_valid_o     <= 1'b0;
      m_data_o      <= '0;
      frame_err_o   <= 1'b0;
      parity_err_o  <= 1'b0;
    end else begin
      // Result strobes are single-cycle pulses.
      m_valid_o    <= 1'b0;
      frame_err_o  <= 1'b0;
      parity_err_o <= 1'b0;

      if (tick_i) tick_cnt_q <= tick_cnt_q + 1'b1;

      unique case (state_q)
        RX_IDLE: begin
          tick_cnt_q <= '0;
          if (!rxd_sync) state_q <= RX_START;   // falling edge: start bit
        end

        RX_START: begin
          // Middle of the start bit: still low -> genuine frame.
          if (tick_i && tick_cnt_q == 4'(soc_pkg::UART_OVERSAMPLE / 2 - 1)) begin
            tick_cnt_q <= '0;
            if (rxd_sync) begin
              state_q <= RX_IDLE;                // glitch, not a start bit
            end else begin
              bit_idx_q     <= '0;
              parity_calc_q <= 1'b0;
              state_q       <= RX_DATA;
            end
          end
        end

        RX_DATA: begin
          if (sample) begin
            shift_q       <= {rxd_sync, shift_q[7:1]};
            parity_calc_q <= parity_calc_q ^ rxd_sync;
            bit_idx_q     <= bit_idx_q + 1'b1;
            if (bit_idx_q == 3'd7) begin
              state_q <= (parity_mode_i == soc_pkg::PARITY_NONE) ? RX_STOP : RX_PARITY;
            end
          end
        end

        RX_PARITY: begin
          if (sample) begin
            // Even parity: data ^ parity == 0. Odd parity: == 1.
            if ((parity_calc_q ^ rxd_sync) != (parity_mode_i == soc_pkg::PARITY_ODD)) begin
              parity_err_o <= 1'b1;
            end
            state_q <= RX_STOP;
          end
        end

        RX_STOP: begin
          if (sample) begin
            if (rxd_sync) begin
              m_valid_o <= 1'b1;
              m_data_o  <= shift_q;
              state_q   <= RX_IDLE;
            end else begin
              // Framing error or break: do not mistake the still-low line
              // for the next start bit.
              frame_err_o <= 1'b1;
              state_q     <= RX_BREAK;
            end
          end
        end

        RX_BREAK: begin
          if (rxd_sync) state_q <= RX_IDLE;
        end

        default: state_q <= RX_IDLE;
      endcase
    end
  end

`ifdef SIMULATION
  always @(posedge clk_i) begin : p_trace
    if (m_valid_o)    `SOC_TRACE(("%t uart_rx: received 0x%02h", $time, m_data_o))
    if (frame_err_o)  `SOC_TRACE(("%t uart_rx: framing error", $time))
    if (parity_err_o) `SOC_TRACE(("%t uart_rx: parity error", $time))
  end
`endif

endmodule : uart_rx
