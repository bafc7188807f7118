// =============================================================================
// async_fifo - dual-clock FIFO with gray-coded pointers
//
// Classic design: each side keeps a binary pointer for addressing and a gray
// copy that is passed through a 2-flop synchronizer to the other side. Only
// one bit of a gray pointer changes per increment, so the synchronized value
// is always either the old or the new pointer, never a mix.
//
//   write side (wclk_i): wvalid_i/wready_o, full when the next write would
//                        overrun the synchronized read pointer
//   read side  (rclk_i): rvalid_o/rready_i, first-word fall-through
//
// DEPTH must be a power of two (>= 4).
// =============================================================================
`include "defines.svh"

module async_fifo #(
  parameter int WIDTH = 16,
  parameter int DEPTH = 8
) (
  // write clock domain
  input  logic             wclk_i,
  input  logic             wrst_ni,
  input  logic             wvalid_i,   // push request
  output logic             wready_o,   // not full
  input  logic [WIDTH-1:0] wdata_i,

  // read clock domain
  input  logic             rclk_i,
  input  logic             rrst_ni,
  output logic             rvalid_o,   // not empty, rdata_o is valid
  input  logic             rready_i,   // pop
  output logic [WIDTH-1:0] rdata_o
);

  localparam int AW = $clog2(DEPTH);   // address width
  localparam int PW = AW + 1;          // pointer width incl. wrap bit

  // ---------------------------------------------------------------------------
  // Gray code helpers
  // ---------------------------------------------------------------------------
  function automatic logic [PW-1:0] bin2gray(input logic [PW-1:0] bin);
    bin2gray = bin ^ (bin >> 1);
  endfunction

  function automatic logic [PW-1:0] gray2bin(input logic [PW-1:0] gray);
    for (int i = 0; i < PW; i++) begin
      gray2bin[i] = ^(gray >> i);
    end
  endfunction

  logic [WIDTH-1:0] mem_q [0:DEPTH-1];   // storage, written in wclk_i domain

  // ---------------------------------------------------------------------------
  // Write domain
  // ---------------------------------------------------------------------------
  logic [PW-1:0] wbin_q;        // binary write pointer
  logic [PW-1:0] wgray_q;       // gray write pointer, crosses to read side
  logic [PW-1:0] rgray_wsync;   // read pointer synchronized into wclk_i
  logic [PW-1:0] wbin_next;
  logic [PW-1:0] wgray_next;
  logic          wfull;
  logic          wpush;         // accepted write

  assign wpush      = wvalid_i && !wfull;
  assign wbin_next  = wbin_q + PW'(wpush);
  assign wgray_next = bin2gray(wbin_next);
  // Full: write pointer is one lap ahead of the read pointer. In gray code
  // that means the two MSBs differ and all other bits are equal.
  assign wfull      = (wgray_q == {~rgray_wsync[PW-1:PW-2], rgray_wsync[PW-3:0]});
  assign wready_o   = !wfull;

  always_ff @(posedge wclk_i or negedge wrst_ni) begin : p_wptr
    if (!wrst_ni) begin
      wbin_q  <= '0;
      wgray_q <= '0;
    end else begin
      wbin_q  <= wbin_next;
      wgray_q <= wgray_next;
    end
  end

  always_ff @(posedge wclk_i) begin : p_mem_write
    if (wpush) begin
      mem_q[wbin_q[AW-1:0]] <= wdata_i;
    end
  end

  // ---------------------------------------------------------------------------
  // Read domain
  // ---------------------------------------------------------------------------
  logic [PW-1:0] rbin_q;        // binary read pointer
  logic [PW-1:0] rgray_q;       // gray read pointer, crosses to write side
  logic [PW-1:0] wgray_rsync;   // write pointer synchronized into rclk_i
  logic [PW-1:0] rbin_next;
  logic          rempty;
  logic          rpop;          // accepted read

  assign rempty    = (rgray_q == wgray_rsync);
  assign rvalid_o  = !rempty;
  assign rpop      = rready_i && !rempty;
  assign rbin_next = rbin_q + PW'(rpop);
  assign rdata_o   = mem_q[rbin_q[AW-1:0]];

  always_ff @(posedge rclk_i or negedge rrst_ni) begin : p_rptr
    if (!rrst_ni) begin
      rbin_q  <= '0;
      rgray_q <= '0;
    end else begin
      rbin_q  <= rbin_next;
      rgray_q <= bin2gray(rbin_next);
    end
  end

  // ---------------------------------------------------------------------------
  // Pointer synchronizers
  // ---------------------------------------------------------------------------
  sync_2ff #(.WIDTH(PW)) u_sync_rgray (
    .clk_i  (wclk_i),
    .rst_ni (wrst_ni),
    .d_i    (rgray_q),
    .q_o    (rgray_wsync)
  );

  sync_2ff #(.WIDTH(PW)) u_sync_wgray (
    .clk_i  (rclk_i),
    .rst_ni (rrst_ni),
    .d_i    (wgray_q),
    .q_o    (wgray_rsync)
  );

`ifdef SIMULATION
  // Sanity check of the gray helpers: converting back must be lossless.
  always @(posedge wclk_i) begin : p_gray_check
    if (wrst_ni) begin
      `SOC_ASSERT(gray2bin(wgray_q) == wbin_q, ("async_fifo %m: gray/binary write pointer mismatch"))
    end
  end
`endif

endmodule : async_fifo
