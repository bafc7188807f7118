// =============================================================================
// irq_trace - interrupt event trace port
//
// Watches the SoC interrupt lines and, on every cycle in which at least one
// line rises, records a 16-bit trace word
//
//     { rising_lines[NUM_IRQS-1:0], timestamp[15-NUM_IRQS:0] }
//
// The timestamp is a free-running cycle counter of clk_i. Words cross into
// the trace_clk_i domain through an async FIFO and leave as a valid/ready
// stream, so a slow external logic analyser can drain them at its own pace.
// Words that do not fit into the FIFO are counted in dropped_o.
// =============================================================================
`include "defines.svh"

module irq_trace #(
  parameter int NUM_IRQS   = soc_pkg::NUM_IRQS,
  parameter int FIFO_DEPTH = 8
) (
  // system clock domain
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic [NUM_IRQS-1:0] irq_i,          // interrupt lines (levels)
  output logic [7:0]          dropped_o,      // saturating count of lost words

  // trace clock domain
  input  logic                trace_clk_i,
  input  logic                trace_rst_ni,
  output logic                trace_valid_o,
  input  logic                trace_ready_i,
  output logic [15:0]         trace_data_o
);

  localparam int TS_W = 16 - NUM_IRQS;   // timestamp bits per word

  logic [NUM_IRQS-1:0] irq_prev_q;    // irq_i one cycle ago, for edge detection
  logic [NUM_IRQS-1:0] irq_rise;      // lines that rose this cycle
  logic [TS_W-1:0]     timestamp_q;   // free-running cycle counter
  logic                push;          // record a trace word this cycle
  logic                fifo_wready;   // async FIFO has room

  assign irq_rise = irq_i & ~irq_prev_q;
  assign push     = |irq_rise;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_capture
    if (!rst_ni) begin
      irq_prev_q  <= '0;
      timestamp_q <= '0;
      dropped_o   <= '0;
    end else begin
      irq_prev_q  <= irq_i;
      timestamp_q <= timestamp_q + 1'b1;
      if (push && !fifo_wready && dropped_o != 8'hFF) begin
        dropped_o <= dropped_o + 1'b1;
      end
    end
  end

  async_fifo #(
    .WIDTH (16),
    .DEPTH (FIFO_DEPTH)
  ) u_trace_fifo (
    .wclk_i   (clk_i),
    .wrst_ni  (rst_ni),
    .wvalid_i (push),
    .wready_o (fifo_wready),
    .wdata_i  ({irq_rise, timestamp_q}),
    .rclk_i   (trace_clk_i),
    .rrst_ni  (trace_rst_ni),
    .rvalid_o (trace_valid_o),
    .rready_i (trace_ready_i),
    .rdata_o  (trace_data_o)
  );

endmodule : irq_trace
