// =============================================================================
// uart_apb - UART peripheral with APB register interface
//
// Block diagram
//
//   APB --> regs --push--> [TX FIFO] --tx_stream--> uart_tx --> txd_o
//                                                                 |
//                                                  (CTRL.loopback)|
//   APB <-- regs <--pop--- [RX FIFO] <--rx_stream-- uart_rx <-- rxd_i
//
//   The baud generator, transmitter and receiver run on a gated copy of clk_i
//   that is only toggling while CTRL.enable is set. FIFOs and registers stay
//   on clk_i so software can fill the TX FIFO before enabling the UART.
//
// Register map (word offsets, see soc_pkg::UART_REG_*)
//   0x00 DATA    W: push byte to TX FIFO (wait states while full)
//                R: [8] valid, [7:0] byte popped from the RX FIFO
//   0x04 STATUS  [0] tx_full  [1] tx_empty [2] rx_empty [3] rx_full
//                [4] tx_busy  [5] rx_busy  [6] overrun* [7] frame_err*
//                [8] parity_err*   [23:16] rx_count  [31:24] tx_count
//                (* sticky, write 1 to clear)
//   0x08 CTRL    [0] enable [2:1] parity (soc_pkg::parity_e) [3] two stop bits
//                [4] rx_irq_en [5] tx_irq_en [6] loopback (txd -> rxd inside)
//   0x0C BAUD    [15:0] divisor: baud = f_clk / (16 * (BAUD + 1))
// =============================================================================
`include "defines.svh"

module uart_apb #(
  parameter int FIFO_DEPTH = soc_pkg::UART_FIFO_DEPTH
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        test_en_i,      // scan mode: keeps the UART clock running

  // APB slave port (offset inside the UART window)
  input  logic [`PERIPH_OFFSET_W-1:0] paddr_i,
  input  logic        psel_i,
  input  logic        penable_i,
  input  logic        pwrite_i,
  input  logic [31:0] pwdata_i,
  input  logic [3:0]  pstrb_i,
  output logic [31:0] prdata_o,
  output logic        pready_o,
  output logic        pslverr_o,

  // serial line
  input  logic        rxd_i,          // from the pad, asynchronous
  output logic        txd_o,          // to the pad, idles high

  // interrupts (level)
  output logic        irq_rx_o,       // RX FIFO holds data and rx_irq_en set
  output logic        irq_tx_o        // TX FIFO drained and tx_irq_en set
);

  localparam int CNT_W = $clog2(FIFO_DEPTH) + 1;

  typedef soc_pkg::parity_e parity_e;

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  logic        ctrl_enable_q;    // CTRL[0]   UART on; gates the core clock
  parity_e     ctrl_parity_q;    // CTRL[2:1] parity mode
  logic        ctrl_two_stop_q;  // CTRL[3]
  logic        ctrl_rx_irq_q;    // CTRL[4]
  logic        ctrl_tx_irq_q;    // CTRL[5]
  logic        ctrl_loopback_q;  // CTRL[6]   internal txd -> rxd loop
  logic [15:0] baud_div_q;       // BAUD: clock divider reload value
  logic        overrun_q;        // sticky: byte received while RX FIFO full
  logic        frame_err_q;      // sticky: stop bit missing
  logic        parity_err_q;     // sticky: parity mismatch

  // ---------------------------------------------------------------------------
  // APB decode
  // ---------------------------------------------------------------------------
  logic [9:0] reg_idx;           // word index of the accessed register
  logic       wr_access;         // APB write access phase
  logic       rd_access;         // APB read access phase
  logic       wr_data_reg;       // write to DATA (push)
  logic       rd_data_reg;       // read of DATA (pop)
  logic       tx_stall;          // hold PREADY low: TX FIFO full

  assign reg_idx   = soc_pkg::reg_index(paddr_i);
  assign wr_access = `APB_WRITE_ACCESS(psel_i, penable_i, pwrite_i);
  assign rd_access = `APB_READ_ACCESS(psel_i, penable_i, pwrite_i);

  // ---------------------------------------------------------------------------
  // FIFOs and byte streams
  // ---------------------------------------------------------------------------
  stream_if #(.WIDTH(8)) tx_stream (.clk(clk_i), .rst_n(rst_ni));  // TX FIFO -> uart_tx
  stream_if #(.WIDTH(8)) rx_stream (.clk(clk_i), .rst_n(rst_ni));  // uart_rx -> RX FIFO

  logic             tx_full, tx_empty, tx_almost_full;
  logic             rx_full, rx_empty, rx_almost_full;
  logic [CNT_W-1:0] tx_count, rx_count;
  logic [7:0]       rx_byte;          // head of the RX FIFO
  logic             tx_busy, rx_busy;
  logic             rx_frame_err;     // pulse from uart_rx
  logic             rx_parity_err;    // pulse from uart_rx

  assign tx_stall    = wr_data_reg && tx_full && ctrl_enable_q;
  assign wr_data_reg = wr_access && (reg_idx == soc_pkg::UART_REG_DATA);
  assign rd_data_reg = rd_access && (reg_idx == soc_pkg::UART_REG_DATA);

  sync_fifo #(
    .WIDTH (8),
    .DEPTH (FIFO_DEPTH),
    .FWFT  (1'b1)
  ) u_tx_fifo (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .flush_i       (1'b0),
    .push_i        (wr_data_reg && !tx_full),
    .wdata_i       (pwdata_i[7:0]),
    .full_o        (tx_full),
    .almost_full_o (tx_almost_full),
    .pop_i         (tx_stream.valid && tx_stream.ready),
    .rdata_o       (tx_stream.data),
    .empty_o       (tx_empty),
    .count_o       (tx_count)
  );

  // Only offer bytes to the transmitter while its clock is running.
  assign tx_stream.valid = !tx_empty && ctrl_enable_q;
  // The receiver cannot be stalled: ready only tells whether the byte fits.
  assign rx_stream.ready = !rx_full;

  sync_fifo #(
    .WIDTH (8),
    .DEPTH (FIFO_DEPTH),
    .FWFT  (1'b1)
  ) u_rx_fifo (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .flush_i       (1'b0),
    .push_i        (rx_stream.valid && rx_stream.ready),
    .wdata_i       (rx_stream.data),
    .full_o        (rx_full),
    .almost_full_o (rx_almost_full),
    .pop_i         (rd_data_reg && !rx_empty),
    .rdata_o       (rx_byte),
    .empty_o       (rx_empty),
    .count_o       (rx_count)
  );

  // ---------------------------------------------------------------------------
  // UART core on the gated clock
  // ---------------------------------------------------------------------------
  logic uart_clk;     // clk_i gated by CTRL.enable
  logic baud_tick;    // 16x oversampling tick
  logic txd;          // transmitter output before the pad
  logic rxd_mux;      // receiver input: pad or internal loopback

  clk_gate u_clk_gate (
    .clk_i     (clk_i),
    .en_i      (ctrl_enable_q),
    .test_en_i (test_en_i),
    .clk_o     (uart_clk)
  );

  uart_baud_gen #(.DIV_W(16)) u_baud_gen (
    .clk_i     (uart_clk),
    .rst_ni    (rst_ni),
    .en_i      (ctrl_enable_q),
    .divisor_i (baud_div_q),
    .tick_o    (baud_tick)
  );

  uart_tx u_tx (
    .clk_i         (uart_clk),
    .rst_ni        (rst_ni),
    .tick_i        (baud_tick),
    .parity_mode_i (ctrl_parity_q),
    .two_stop_i    (ctrl_two_stop_q),
    .s_valid_i     (tx_stream.valid),
    .s_ready_o     (tx_stream.ready),
    .s_data_i      (tx_stream.data),
    .txd_o         (txd),
    .busy_o        (tx_busy)
  );

  assign rxd_mux = ctrl_loopback_q ? txd : rxd_i;
  // While looping back, keep the external line idle.
  assign txd_o   = ctrl_loopback_q ? 1'b1 : txd;

  uart_rx u_rx (
    .clk_i         (uart_clk),
    .rst_ni        (rst_ni),
    .tick_i        (baud_tick),
    .parity_mode_i (ctrl_parity_q),
    .rxd_i         (rxd_mux),
    .m_valid_o     (rx_stream.valid),
    .m_data_o      (rx_stream.data),
    .frame_err_o   (rx_frame_err),
    .parity_err_o  (rx_parity_err),
    .busy_o        (rx_busy)
  );

  // ---------------------------------------------------------------------------
  // Register writes and sticky status
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_regs
    if (!rst_ni) begin
      ctrl_enable_q   <= 1'b0;
      ctrl_parity_q   <= soc_pkg::PARITY_NONE;
      ctrl_two_stop_q <= 1'b0;
      ctrl_rx_irq_q   <= 1'b0;
      ctrl_tx_irq_q   <= 1'b0;
      ctrl_loopback_q <= 1'b0;
      baud_div_q      <= soc_pkg::UART_BAUD_RESET;
      overrun_q       <= 1'b0;
      frame_err_q     <= 1'b0;
      parity_err_q    <= 1'b0;
    end else begin
      // Error flags set by hardware ...
      if (rx_stream.valid && !rx_stream.ready) overrun_q <= 1'b1;
      if (rx_frame_err)  frame_err_q  <= 1'b1;
      if (rx_parity_err) parity_err_q <= 1'b1;

      // ... and written by software.
      if (wr_access && pstrb_i[0]) begin
        case (reg_idx)
          soc_pkg::UART_REG_CTRL: begin
            ctrl_enable_q   <= pwdata_i[0];
            // The parity field is decoded, an unused encoding means "none".
            case (pwdata_i[2:1])
              2'b01:   ctrl_parity_q <= soc_pkg::PARITY_EVEN;
              2'b10:   ctrl_parity_q <= soc_pkg::PARITY_ODD;
              default: ctrl_parity_q <= soc_pkg::PARITY_NONE;
            endcase
            ctrl_two_stop_q <= pwdata_i[3];
            ctrl_rx_irq_q   <= pwdata_i[4];
            ctrl_tx_irq_q   <= pwdata_i[5];
            ctrl_loopback_q <= pwdata_i[6];
          end
          soc_pkg::UART_REG_STATUS: begin
            if (pwdata_i[6]) overrun_q    <= 1'b0;
            if (pwdata_i[7]) frame_err_q  <= 1'b0;
          end
          soc_pkg::UART_REG_BAUD: begin
            baud_div_q[7:0] <= pwdata_i[7:0];
          end
          default: ;
        endcase
      end
      if (wr_access && pstrb_i[1]) begin
        case (reg_idx)
          soc_pkg::UART_REG_STATUS: if (pwdata_i[8]) parity_err_q <= 1'b0;
          soc_pkg::UART_REG_BAUD:   baud_div_q[15:8] <= pwdata_i[15:8];
          default: ;
        endcase
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Read data and response
  // ---------------------------------------------------------------------------
  logic [31:0] status_word;

  assign status_word = {
    8'(tx_count), 8'(rx_count),
    7'b0, parity_err_q, frame_err_q, overrun_q,
    rx_busy, tx_busy, rx_full, rx_empty, tx_empty, tx_full
  };

  always_comb begin : p_read_mux
    prdata_o = '0;
    case (reg_idx)
      soc_pkg::UART_REG_DATA:   prdata_o = {23'b0, !rx_empty, rx_empty ? 8'h00 : rx_byte};
      soc_pkg::UART_REG_STATUS: prdata_o = status_word;
      soc_pkg::UART_REG_CTRL:   prdata_o = {25'b0, ctrl_loopback_q, ctrl_tx_irq_q, ctrl_rx_irq_q,
                                            ctrl_two_stop_q, ctrl_parity_q, ctrl_enable_q};
      soc_pkg::UART_REG_BAUD:   prdata_o = {16'b0, baud_div_q};
      default:                  prdata_o = '0;
    endcase
  end

  assign pready_o  = !tx_stall;
  // Writing DATA while the UART is off and the FIFO is full would lose the
  // byte silently; report it instead.
  assign pslverr_o = wr_data_reg && tx_full && !ctrl_enable_q;

  // ---------------------------------------------------------------------------
  // Interrupts
  // ---------------------------------------------------------------------------
  assign irq_rx_o = ctrl_rx_irq_q && !rx_empty;
  assign irq_tx_o = ctrl_tx_irq_q && tx_empty && !tx_busy;

  // Almost-full levels are not used by this register map.
  logic unused_ok;
  assign unused_ok = ^{tx_almost_full, rx_almost_full, pstrb_i[3:2], pwdata_i[31:16]};

endmodule : uart_apb
