// =============================================================================
// sync_fifo - parameterized single-clock FIFO
//
// * DEPTH must be a power of two (>= 2). Read and write pointers carry one
//   extra wrap bit so that full and empty can be told apart without a counter.
// * FWFT = 1 (first-word fall-through): rdata_o shows the oldest entry while
//   empty_o is low; pop_i acknowledges it. This is the valid/ready view used
//   by the UART.
// * FWFT = 0 (registered read): pop_i requests a word and rdata_o holds it
//   from the following cycle on.
// * Push while full and pop while empty are ignored (and flagged in
//   simulation when SIMULATION is defined).
// =============================================================================
`include "defines.svh"

module sync_fifo #(
  parameter int WIDTH             = 8,
  parameter int DEPTH             = 8,
  parameter bit          FWFT              = 1'b1,
  parameter int ALMOST_FULL_LEVEL = DEPTH - 1,
  // derived, do not override
  parameter int CNT_W             = $clog2(DEPTH) + 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             flush_i,        // synchronous clear, drops all entries

  // write side
  input  logic             push_i,         // write wdata_i (ignored when full)
  input  logic [WIDTH-1:0] wdata_i,
  output logic             full_o,
  output logic             almost_full_o,  // count >= ALMOST_FULL_LEVEL

  // read side
  input  logic             pop_i,          // consume the oldest entry
  output logic [WIDTH-1:0] rdata_o,
  output logic             empty_o,

  output logic [CNT_W-1:0] count_o         // number of valid entries
);

  localparam int PTR_W = $clog2(DEPTH);

  // Storage. No reset: contents are only visible through valid pointers.
  logic [WIDTH-1:0] mem_q [0:DEPTH-1];

  // Pointers with wrap bit: equal -> empty, equal except MSB -> full.
  logic [PTR_W:0] wptr_q;
  logic [PTR_W:0] rptr_q;

  logic do_push;   // accepted write this cycle
  logic do_pop;    // accepted read this cycle

  assign empty_o = (wptr_q == rptr_q);
  assign full_o  = (wptr_q[PTR_W] != rptr_q[PTR_W]) &&
                   (wptr_q[PTR_W-1:0] == rptr_q[PTR_W-1:0]);
  assign count_o = wptr_q - rptr_q;
  assign almost_full_o = (count_o >= CNT_W'(ALMOST_FULL_LEVEL));

  assign do_push = push_i && !full_o;
  assign do_pop  = pop_i  && !empty_o;

  // ---------------------------------------------------------------------------
  // Pointer update
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_pointers
    if (!rst_ni) begin
      wptr_q <= '0;
      rptr_q <= '0;
    end else if (flush_i) begin
      wptr_q <= '0;
      rptr_q <= '0;
    end else begin
      if (do_push) wptr_q <= wptr_q + 1'b1;
      if (do_pop)  rptr_q <= rptr_q + 1'b1;
    end
  end

  // ---------------------------------------------------------------------------
  // Storage write
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_mem_write
    if (do_push) begin
      mem_q[wptr_q[PTR_W-1:0]] <= wdata_i;
    end
  end

  // ---------------------------------------------------------------------------
  // Read data path: fall-through or registered, chosen at elaboration time
  // ---------------------------------------------------------------------------
  generate
    if (FWFT) begin : g_fwft
      // Oldest entry is always visible; valid whenever !empty_o.
      assign rdata_o = mem_q[rptr_q[PTR_W-1:0]];
    end else begin : g_registered
      logic [WIDTH-1:0] rdata_q;   // output register loaded on pop
      always_ff @(posedge clk_i or negedge rst_ni) begin : p_rdata
        if (!rst_ni) begin
          rdata_q <= '0;
        end else if (do_pop) begin
          rdata_q <= mem_q[rptr_q[PTR_W-1:0]];
        end
      end
      assign rdata_o = rdata_q;
    end
  endgenerate

  // ---------------------------------------------------------------------------
  // Simulation checks
  // ---------------------------------------------------------------------------
`ifdef SIMULATION
  initial begin : p_param_check
    `SOC_ASSERT((DEPTH >= 2) && ((DEPTH & (DEPTH - 1)) == 0),
                ("sync_fifo %m: DEPTH=%0d must be a power of two >= 2", DEPTH))
  end

  always @(posedge clk_i) begin : p_overflow_check
    if (rst_ni && !flush_i) begin
      `SOC_ASSERT(!(push_i && full_o),  ("sync_fifo %m: push while full, data dropped"))
      `SOC_ASSERT(!(pop_i  && empty_o), ("sync_fifo %m: pop while empty"))
    end
  end
`endif

endmodule : sync_fifo
