// =============================================================================
// gpio - general purpose I/O port with edge interrupts (Verilog-2005)
//
// Legacy IP block in plain Verilog-2005 with an APB3 slave port.
// Every pin has an output driver with enable (DIR) and an input path with a
// two-flop synchronizer and a rising/falling edge detector.
//
// Register map (byte offsets)
//   0x00 DATA_IN     synchronized pin levels (read only)
//   0x04 DATA_OUT    output value of each pin
//   0x08 DIR         1 = pin is an output (drives gpio_oe)
//   0x0C IRQ_EN      1 = an edge on the pin raises the interrupt
//   0x10 IRQ_RISE    1 = rising edge, 0 = falling edge
//   0x14 IRQ_STATUS  edge seen on pin (write 1 to clear)
// =============================================================================
`include "defines.svh"

module gpio #(
  parameter WIDTH = 8              // number of pins
) (
  input  wire             clk,
  input  wire             rst_n,
  // APB3 slave port
  input  wire [11:0]      paddr,
  input  wire             psel,
  input  wire             penable,
  input  wire             pwrite,
  input  wire [31:0]      pwdata,
  output reg  [31:0]      prdata,
  output wire             pready,
  output wire             pslverr,
  // pins
  input  wire [WIDTH-1:0] gpio_in,   // pad inputs, asynchronous
  output wire [WIDTH-1:0] gpio_out,  // pad output values
  output wire [WIDTH-1:0] gpio_oe,   // pad output enables
  output wire             irq        // any enabled edge flag set
);

  localparam [9:0] REG_DATA_IN    = 10'd0;
  localparam [9:0] REG_DATA_OUT   = 10'd1;
  localparam [9:0] REG_DIR        = 10'd2;
  localparam [9:0] REG_IRQ_EN     = 10'd3;
  localparam [9:0] REG_IRQ_RISE   = 10'd4;
  localparam [9:0] REG_IRQ_STATUS = 10'd5;

  wire       wr_en  = psel & penable & pwrite;   // APB write access phase
  wire [9:0] wr_idx = paddr[11:2];

  reg  [WIDTH-1:0] data_out;     // DATA_OUT
  reg  [WIDTH-1:0] dir;          // DIR
  reg  [WIDTH-1:0] irq_en;       // IRQ_EN
  reg  [WIDTH-1:0] irq_rise;     // IRQ_RISE
  reg  [WIDTH-1:0] in_meta;      // synchronizer stage 1 (may be metastable)
  reg  [WIDTH-1:0] in_sync;      // synchronizer stage 2, DATA_IN
  reg  [WIDTH-1:0] in_prev;      // in_sync delayed by one cycle, for edges
  wire [WIDTH-1:0] irq_status;   // IRQ_STATUS flags

  // ---------------------------------------------------------------------------
  // Configuration registers
  // ---------------------------------------------------------------------------
  always @(posedge clk or negedge rst_n) begin : p_regs
    if (!rst_n) begin
      data_out <= {WIDTH{1'b0}};
      dir      <= {WIDTH{1'b0}};
      irq_en   <= {WIDTH{1'b0}};
      irq_rise <= {WIDTH{1'b1}};
    end else if (wr_en) begin
      case (wr_idx)
        REG_DATA_OUT: data_out <= pwdata[WIDTH-1:0];
        REG_DIR:      dir      <= pwdata[WIDTH-1:0];
        REG_IRQ_EN:   irq_en   <= pwdata[WIDTH-1:0];
        REG_IRQ_RISE: irq_rise <= pwdata[WIDTH-1:0];
        default: ;
      endcase
    end
  end

  // ---------------------------------------------------------------------------
  // Input synchronizer (pins are asynchronous to clk)
  // ---------------------------------------------------------------------------
  always @(posedge clk or negedge rst_n) begin : p_sync
    if (!rst_n) begin
      in_meta <= {WIDTH{1'b0}};
      in_sync <= {WIDTH{1'b0}};
      in_prev <= {WIDTH{1'b0}};
    end else begin
      in_meta <= gpio_in;
      in_sync <= in_meta;
      in_prev <= in_sync;
    end
  end

  // ---------------------------------------------------------------------------
  // Per-pin edge detector and interrupt flag
  // ---------------------------------------------------------------------------
  genvar p;
  generate
    for (p = 0; p < WIDTH; p = p + 1) begin : g_pin
      wire rise = in_sync[p] & ~in_prev[p];
      wire fall = ~in_sync[p] & in_prev[p];
      wire edge_hit = irq_rise[p] ? rise : fall;   // selected edge on this pin
      reg  flag;                                   // IRQ_STATUS[p]

      always @(posedge clk or negedge rst_n) begin
        if (!rst_n)
          flag <= 1'b0;
        else if (edge_hit)
          flag <= 1'b1;
        else if (wr_en && (wr_idx == REG_IRQ_STATUS) && pwdata[p])
          flag <= 1'b0;
      end

      assign irq_status[p] = flag;
    end
  endgenerate

  // ---------------------------------------------------------------------------
  // Read back and outputs
  // ---------------------------------------------------------------------------
  always @* begin : p_read_mux
    case (paddr[11:2])
      REG_DATA_IN:    prdata = {{(32-WIDTH){1'b0}}, in_sync};
      REG_DATA_OUT:   prdata = {{(32-WIDTH){1'b0}}, data_out};
      REG_DIR:        prdata = {{(32-WIDTH){1'b0}}, dir};
      REG_IRQ_EN:     prdata = {{(32-WIDTH){1'b0}}, irq_en};
      REG_IRQ_RISE:   prdata = {{(32-WIDTH){1'b0}}, irq_rise};
      REG_IRQ_STATUS: prdata = {{(32-WIDTH){1'b0}}, irq_status};
      default:        prdata = 32'd0;
    endcase
  end

  assign gpio_out = data_out;
  assign gpio_oe  = dir;
  assign irq      = |(irq_status & irq_en);
  assign pready   = 1'b1;
  assign pslverr  = 1'b0;

  // Byte offset bits and the upper data bits are not used by this block.
  wire unused_ok = ^{paddr[1:0], pwdata[31:WIDTH]};

endmodule
