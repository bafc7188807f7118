// =============================================================================
// sram_apb - on-chip single-port SRAM with an APB slave port
//
// Holds DMA descriptors and data buffers. The array is read synchronously:
// the word is fetched at the end of the APB setup phase, so reads still
// complete with zero wait states. Writes honour PSTRB byte lanes.
// =============================================================================
`include "defines.svh"

module sram_apb #(
  parameter int WORDS  = 256,                 // 32-bit words (1 KiB)
  // derived, do not override
  parameter int ADDR_W = $clog2(WORDS) + 2    // byte address bits used
) (
  input  logic              clk_i,
  input  logic              rst_ni,

  input  logic [ADDR_W-1:0] paddr_i,    // byte address inside the SRAM window
  input  logic              psel_i,
  input  logic              penable_i,
  input  logic              pwrite_i,
  input  logic [31:0]       pwdata_i,
  input  logic [3:0]        pstrb_i,
  output logic [31:0]       prdata_o,
  output logic              pready_o,
  output logic              pslverr_o
);

  localparam int IDX_W = ADDR_W - 2;

  logic [31:0]      mem_q [0:WORDS-1];   // the RAM array
  logic [IDX_W-1:0] word_idx;            // word addressed by the transfer
  logic [31:0]      rdata_q;             // read data register (RAM output latch)

  assign word_idx = paddr_i[ADDR_W-1:2];

  // Byte-lane write in the access phase.
  always_ff @(posedge clk_i) begin : p_write
    if (`APB_WRITE_ACCESS(psel_i, penable_i, pwrite_i)) begin
      for (int b = 0; b < 4; b++) begin
        if (pstrb_i[b]) mem_q[word_idx][8*b +: 8] <= pwdata_i[8*b +: 8];
      end
    end
  end

  // Synchronous read launched in the setup phase.
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_read
    if (!rst_ni) begin
      rdata_q <= '0;
    end else if (psel_i && !penable_i && !pwrite_i) begin
      rdata_q <= mem_q[word_idx];
    end
  end

  assign prdata_o  = rdata_q;
  assign pready_o  = 1'b1;
  assign pslverr_o = 1'b0;

  // Accesses are word based; the byte offset is expressed by PSTRB.
  logic unused_ok;
  assign unused_ok = ^paddr_i[1:0];

`ifdef SIMULATION
  // Start from a known all-zero array so that reads of unwritten words are
  // deterministic in simulation (real SRAM powers up random).
  initial begin : p_mem_clear
    for (int i = 0; i < WORDS; i++) mem_q[i] = '0;
  end
`endif

endmodule : sram_apb
