// =============================================================================
// apb_decoder - 1:N APB address decoder with default error slave
//
// Compares the shared-bus address against a base/mask pair per slave
// (slave i hits when (paddr & MASK[i]) == BASE[i]) and routes PSEL to the
// selected slave. Address, PENABLE, PWRITE, PWDATA and PSTRB are broadcast to
// all slaves by the top level; only PSEL is decoded here.
//
// A transfer that hits no slave is completed immediately with PSLVERR by the
// built-in default slave, so a bad pointer cannot hang the bus.
// =============================================================================
`include "defines.svh"

module apb_decoder #(
  parameter int NUM_SLAVES = soc_pkg::NUM_SLAVES,
  parameter logic [NUM_SLAVES*32-1:0]   BASES      = soc_pkg::SLAVE_BASES,
  parameter logic [NUM_SLAVES*32-1:0]   MASKS      = soc_pkg::SLAVE_MASKS
) (
  // shared bus (from the arbiter)
  input  logic [31:0]              paddr_i,
  input  logic                     psel_i,
  output logic [31:0]              prdata_o,
  output logic                     pready_o,
  output logic                     pslverr_o,

  // per-slave select and responses, slave i at bit / slice i
  output logic [NUM_SLAVES-1:0]    psel_o,
  input  logic [NUM_SLAVES*32-1:0] s_prdata_i,
  input  logic [NUM_SLAVES-1:0]    s_pready_i,
  input  logic [NUM_SLAVES-1:0]    s_pslverr_i,

  output logic                     decode_err_o    // pulse: unmapped access
);

  logic [NUM_SLAVES-1:0] hit;   // address falls into slave i's window

  // ---------------------------------------------------------------------------
  // Address comparators, one per slave
  // ---------------------------------------------------------------------------
  generate
    for (genvar i = 0; i < NUM_SLAVES; i++) begin : g_slave
      localparam logic [31:0] BASE = BASES[i*32 +: 32];
      localparam logic [31:0] MASK = MASKS[i*32 +: 32];
      assign hit[i]    = ((paddr_i & MASK) == BASE);
      assign psel_o[i] = psel_i && hit[i];
    end
  endgenerate

  // ---------------------------------------------------------------------------
  // Response multiplexer (default slave when nothing hits)
  // ---------------------------------------------------------------------------
  always_comb begin : p_response_mux
    prdata_o  = '0;
    pready_o  = 1'b1;         // default slave: zero wait states ...
    pslverr_o = psel_i;       // ... and an error response
    for (int i = 0; i < NUM_SLAVES; i++) begin
      if (hit[i]) begin
        prdata_o  = s_prdata_i[i*32 +: 32];
        pready_o  = s_pready_i[i];
        pslverr_o = s_pslverr_i[i];
      end
    end
  end

  assign decode_err_o = psel_i && (hit == '0);

`ifdef SIMULATION
  // Overlapping windows in the address map would make the mux ambiguous.
  always @* begin : p_onehot_check
    if (psel_i) begin
      `SOC_ASSERT((hit & (hit - 1'b1)) == '0, ("apb_decoder: address 0x%08h hits several slaves", paddr_i))
    end
  end
`endif

endmodule : apb_decoder
