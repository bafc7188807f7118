// =============================================================================
// apb_arbiter - N:1 round-robin arbiter between APB masters
//
// Each master drives its own APB port (flat vectors, master m at slice m).
// When the shared bus is idle the arbiter picks the next requesting master
// (PSEL high) in round-robin order, then replays that master's transfer on
// the shared bus as a clean setup + access sequence. The chosen master sees
// PREADY only when the shared access completes; the others are held in wait
// states (PREADY low) until they win.
//
// Timing: one extra cycle of latency per transfer (arbitration cycle).
// =============================================================================
`include "defines.svh"

module apb_arbiter #(
  parameter int NUM_MASTERS = 2,
  // derived, do not override
  parameter int IDX_W       = (NUM_MASTERS > 1) ? $clog2(NUM_MASTERS) : 1
) (
  input  logic                      clk_i,
  input  logic                      rst_ni,

  // master ports (inputs to the arbiter)
  input  logic [NUM_MASTERS*32-1:0] m_paddr_i,
  input  logic [NUM_MASTERS-1:0]    m_psel_i,
  input  logic [NUM_MASTERS-1:0]    m_penable_i,
  input  logic [NUM_MASTERS-1:0]    m_pwrite_i,
  input  logic [NUM_MASTERS*32-1:0] m_pwdata_i,
  input  logic [NUM_MASTERS*4-1:0]  m_pstrb_i,
  output logic [31:0]               m_prdata_o,    // broadcast to all masters
  output logic [NUM_MASTERS-1:0]    m_pready_o,
  output logic [NUM_MASTERS-1:0]    m_pslverr_o,

  // shared bus towards the address decoder
  output logic [31:0]               s_paddr_o,
  output logic                      s_psel_o,
  output logic                      s_penable_o,
  output logic                      s_pwrite_o,
  output logic [31:0]               s_pwdata_o,
  output logic [3:0]                s_pstrb_o,
  input  logic [31:0]               s_prdata_i,
  input  logic                      s_pready_i,
  input  logic                      s_pslverr_i,

  output logic [NUM_MASTERS-1:0]    grant_o        // one-hot owner of the bus
);

  localparam int SUM_W = IDX_W + 1;   // width of the round-robin offset sum
  localparam logic [SUM_W-1:0] N_MASTERS = SUM_W'(NUM_MASTERS);

  typedef enum logic [1:0] {
    ARB_IDLE,     // no transfer on the shared bus, arbitrate
    ARB_SETUP,    // shared bus in setup phase for the granted master
    ARB_ACCESS    // shared bus in access phase, waiting for PREADY
  } arb_state_e;

  arb_state_e       state_q;
  logic [IDX_W-1:0] owner_q;       // master that owns the current transfer
  logic [IDX_W-1:0] last_owner_q;  // round-robin pointer: previous winner
  logic [IDX_W-1:0] next_owner;    // winner of this cycle's arbitration
  logic             any_request;

  // ---------------------------------------------------------------------------
  // Round-robin choice: search starting just after the last winner.
  // ---------------------------------------------------------------------------
  always_comb begin : p_round_robin
    logic [SUM_W-1:0] offset_sum;  // last winner + k, before the wrap
    logic [IDX_W-1:0] candidate;   // master checked in this iteration
    next_owner  = last_owner_q;
    any_request = 1'b0;
    for (int k = 1; k <= NUM_MASTERS; k++) begin
      offset_sum = {1'b0, last_owner_q} + SUM_W'(k);
      candidate  = (offset_sum >= N_MASTERS) ? IDX_W'(offset_sum - N_MASTERS)
                                             : IDX_W'(offset_sum);
      if (!any_request && m_psel_i[candidate]) begin
        next_owner  = candidate;
        any_request = 1'b1;
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Transfer sequencing
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_arb_fsm
    if (!rst_ni) begin
      state_q      <= ARB_IDLE;
      owner_q      <= '0;
      last_owner_q <= IDX_W'(NUM_MASTERS - 1);   // master 0 wins first
    end else begin
      case (state_q)
        ARB_IDLE: begin
          if (any_request) begin
            owner_q <= next_owner;
            state_q <= ARB_SETUP;
          end
        end
        ARB_SETUP: begin
          state_q <= ARB_ACCESS;
        end
        ARB_ACCESS: begin
          if (s_pready_i) begin
            last_owner_q <= owner_q;
            state_q      <= ARB_IDLE;
          end
        end
        default: state_q <= ARB_IDLE;
      endcase
    end
  end

  // ---------------------------------------------------------------------------
  // Shared bus: the owner's request, with PSEL/PENABLE generated here
  // ---------------------------------------------------------------------------
  assign s_psel_o    = (state_q == ARB_SETUP) || (state_q == ARB_ACCESS);
  assign s_penable_o = (state_q == ARB_ACCESS);
  assign s_paddr_o   = m_paddr_i [owner_q*32 +: 32];
  assign s_pwdata_o  = m_pwdata_i[owner_q*32 +: 32];
  assign s_pstrb_o   = m_pstrb_i [owner_q*4  +: 4];
  assign s_pwrite_o  = m_pwrite_i[owner_q];

  // ---------------------------------------------------------------------------
  // Responses: only the owner gets PREADY, and only when the shared access ends
  // ---------------------------------------------------------------------------
  generate
    for (genvar m = 0; m < NUM_MASTERS; m++) begin : g_master
      logic is_owner;   // this master owns the bus
      assign is_owner       = (owner_q == IDX_W'(m)) && (state_q != ARB_IDLE);
      assign grant_o[m]     = is_owner;
      assign m_pready_o[m]  = is_owner && (state_q == ARB_ACCESS) && s_pready_i;
      assign m_pslverr_o[m] = is_owner && (state_q == ARB_ACCESS) && s_pslverr_i;
    end
  endgenerate

  assign m_prdata_o = s_prdata_i;

  // PENABLE of the masters is implied by the arbiter's own sequencing.
  logic unused_ok;
  assign unused_ok = ^m_penable_i;

endmodule : apb_arbiter
