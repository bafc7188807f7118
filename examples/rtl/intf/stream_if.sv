// =============================================================================
// stream_if - simple valid/ready data stream
//
// A beat is transferred on every rising clock edge where valid && ready.
// Rules (AXI-stream style):
//   * the source must not drop valid or change data until the beat is taken;
//   * the sink may raise or lower ready at any time.
// Used for the byte streams between the UART FIFOs and the UART tx/rx cores,
// and for the irq trace port.
// =============================================================================
`include "defines.svh"

interface stream_if #(
  parameter int WIDTH = 8    // payload width in bits
) (
  // clk/rst_n are exported through the modports for clocked users;
  // plain bundles (as in uart_apb) leave them unused.
  /* verilator lint_off UNUSEDSIGNAL */
  input logic clk,
  input logic rst_n
  /* verilator lint_on UNUSEDSIGNAL */
);

  logic             valid;   // source has a beat on data
  logic             ready;   // sink can accept a beat this cycle
  logic [WIDTH-1:0] data;    // payload

  modport source  (input clk, rst_n, output valid, data, input  ready);
  modport sink    (input clk, rst_n, input  valid, data, output ready);
  modport monitor (input clk, rst_n, input  valid, data, ready);

endinterface
