// =============================================================================
// clk_gate - latch based integrated clock gate (ICG)
//
// The enable is captured by a latch that is transparent while the clock is
// low, so it can only change while clk_o is held low. This keeps the gated
// clock glitch free. A standard-cell ICG replaces this model in a real flow.
// =============================================================================
`include "defines.svh"

module clk_gate (
  input  logic clk_i,      // free running clock
  input  logic en_i,       // functional enable, from the clock owner's logic
  input  logic test_en_i,  // scan test enable, forces the clock on
  output logic clk_o       // gated clock
);

  logic en_latched;  // enable sampled during the low phase of clk_i

  always_latch begin : p_en_latch
    if (!clk_i) begin
      en_latched = en_i | test_en_i;
    end
  end

  assign clk_o = clk_i & en_latched;

endmodule : clk_gate
