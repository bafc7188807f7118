// =============================================================================
// rst_sync - reset synchronizer (asynchronous assert, synchronous de-assert)
//
// The raw board reset may be released at any time relative to the clock.
// Releasing it directly into a flop's async reset input can cause recovery /
// removal violations, so the de-assertion is re-timed through two flops.
// =============================================================================
`include "defines.svh"

module rst_sync (
  input  logic clk_i,        // clock of the domain that receives the reset
  input  logic rst_ni,       // raw asynchronous reset, active low
  input  logic test_mode_i,  // scan test: bypass, reset pin drives directly
  output logic rst_no        // synchronized reset for the domain, active low
);

  logic [1:0] release_q;     // shift register that delays the release by 2 clocks

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_release
    if (!rst_ni) begin
      release_q <= 2'b00;
    end else begin
      release_q <= {release_q[0], 1'b1};
    end
  end

  assign rst_no = test_mode_i ? rst_ni : release_q[1];

endmodule : rst_sync
