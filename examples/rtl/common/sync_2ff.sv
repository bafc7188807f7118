// =============================================================================
// sync_2ff - two flip-flop synchronizer for signals crossing into clk_i
//
// Use only for single-bit levels or for multi-bit values where at most one
// bit changes per source clock (gray-coded pointers). Never pass binary
// counters or data buses through this block.
// =============================================================================
`include "defines.svh"

module sync_2ff #(
  parameter int WIDTH       = 1,
  parameter logic [WIDTH-1:0] RESET_VALUE = '0   // value of q_o while in reset
) (
  input  logic             clk_i,    // destination clock
  input  logic             rst_ni,   // destination reset, active low
  input  logic [WIDTH-1:0] d_i,      // asynchronous input
  output logic [WIDTH-1:0] q_o       // synchronized output, 2 cycles latency
);

  logic [WIDTH-1:0] meta_q;   // first stage: may go metastable, never use it
  logic [WIDTH-1:0] sync_q;   // second stage: safe to use in clk_i domain

  `FF_ARN(meta_q, d_i,    RESET_VALUE, clk_i, rst_ni)
  `FF_ARN(sync_q, meta_q, RESET_VALUE, clk_i, rst_ni)

  assign q_o = sync_q;

endmodule : sync_2ff
