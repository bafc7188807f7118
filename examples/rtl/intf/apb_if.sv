// =============================================================================
// apb_if - AMBA APB (v4 subset: PSTRB, no PPROT) bus bundle
//
// One instance describes one point-to-point APB segment. In soc_top an
// instance is used for the host master, the DMA master and the arbitrated
// shared bus that feeds the address decoder.
//
// Transfer protocol reminder:
//   setup phase  : PSEL=1, PENABLE=0, address/control/write data valid
//   access phase : PSEL=1, PENABLE=1, held until the slave returns PREADY=1
// =============================================================================
`include "defines.svh"

interface apb_if #(
  parameter int ADDR_W = 32,
  parameter int DATA_W = 32
) (
  input logic pclk,      // bus clock
  input logic presetn    // bus reset, active low
);

  logic [ADDR_W-1:0]   paddr;     // byte address of the transfer
  logic                psel;      // slave select / transfer request
  logic                penable;   // second (access) phase of a transfer
  logic                pwrite;    // 1 = write, 0 = read
  logic [DATA_W-1:0]   pwdata;    // write data
  logic [DATA_W/8-1:0] pstrb;     // write byte-lane strobes
  logic [DATA_W-1:0]   prdata;    // read data from the slave
  logic                pready;    // slave completes the access phase
  logic                pslverr;   // slave error response (valid with pready)

  // The requesting side of the bus (host, DMA engine, arbiter output).
  modport master (
    input  pclk, presetn,
    output paddr, psel, penable, pwrite, pwdata, pstrb,
    input  prdata, pready, pslverr
  );

  // The responding side of the bus (arbiter input, decoder, peripherals).
  modport slave (
    input  pclk, presetn,
    input  paddr, psel, penable, pwrite, pwdata, pstrb,
    output prdata, pready, pslverr
  );

  // Passive observer, e.g. the protocol checker.
  modport monitor (
    input pclk, presetn,
    input paddr, psel, penable, pwrite, pwdata, pstrb,
    input prdata, pready, pslverr
  );

endinterface
