// =============================================================================
// apb_protocol_checker - passive APB protocol monitor
//
// Watches one APB segment through the apb_if.monitor modport and raises a
// sticky error flag when a master or slave breaks the protocol:
//   R1  PENABLE asserted without PSEL
//   R2  a setup phase (PSEL & !PENABLE) not followed by an access phase
//   R3  address / direction changed while an access phase waits for PREADY
// The flag is readable in SYS_CTRL.BUS_ERR. In simulation every violation is
// also reported with $error.
//
// Icarus Verilog 11 cannot parse interface ports, so this module (and its
// instance in soc_top) is left out of Icarus builds.
// =============================================================================
`include "defines.svh"

`ifndef __ICARUS__
module apb_protocol_checker (
  apb_if.monitor bus,              // the APB segment under observation
  input  logic   clear_i,          // clear the sticky error flag
  output logic   protocol_err_o    // sticky: a rule was violated
);

  logic        setup_q;        // previous cycle was a setup phase
  logic        wait_q;         // previous cycle was an access phase without PREADY
  logic [31:0] paddr_q;        // address of the pending access
  logic        pwrite_q;       // direction of the pending access

  logic r1_fail, r2_fail, r3_fail;

  assign r1_fail = bus.penable && !bus.psel;
  assign r2_fail = setup_q && !(bus.psel && bus.penable);
  assign r3_fail = wait_q && bus.psel && ((bus.paddr != paddr_q) || (bus.pwrite != pwrite_q));

  always_ff @(posedge bus.pclk or negedge bus.presetn) begin : p_track
    if (!bus.presetn) begin
      setup_q        <= 1'b0;
      wait_q         <= 1'b0;
      paddr_q        <= '0;
      pwrite_q       <= 1'b0;
      protocol_err_o <= 1'b0;
    end else begin
      setup_q  <= bus.psel && !bus.penable;
      wait_q   <= bus.psel && bus.penable && !bus.pready;
      paddr_q  <= bus.paddr;
      pwrite_q <= bus.pwrite;
      if (clear_i) begin
        protocol_err_o <= 1'b0;
      end else if (r1_fail || r2_fail || r3_fail) begin
        protocol_err_o <= 1'b1;
      end
`ifdef SIMULATION
      `SOC_ASSERT(!r1_fail, ("apb_protocol_checker: PENABLE without PSEL"))
      `SOC_ASSERT(!r2_fail, ("apb_protocol_checker: setup phase not followed by access phase"))
      `SOC_ASSERT(!r3_fail, ("apb_protocol_checker: address/direction changed during wait state"))
`endif
    end
  end

  // Data and strobes are not checked by these rules.
  logic unused_ok;
  assign unused_ok = ^{bus.pwdata, bus.pstrb, bus.prdata, bus.pslverr};

endmodule : apb_protocol_checker
`endif // __ICARUS__
