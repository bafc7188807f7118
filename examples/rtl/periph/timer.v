// =============================================================================
// timer - 32-bit prescaled timer with compare channels (Verilog-2005)
//
// Legacy IP block in plain Verilog-2005 with an APB3 slave port (no PSTRB;
// all registers are written as full words).
//
// The prescaler divides clk by (PRESCALE + 1); every prescaler terminal count
// increments COUNT. Each compare channel sets its STATUS flag when COUNT
// equals its CMPn register. With CTRL.auto_reload, a channel-0 match also
// restarts COUNT at zero, which makes the timer a periodic tick source.
//
// Register map (byte offsets)
//   0x00 CTRL      [0] enable  [1] auto_reload  [2] irq_en
//   0x04 PRESCALE  [PRESCALE_W-1:0] clock divider - 1
//   0x08 COUNT     current count (writable)
//   0x0C STATUS    [NUM_CMP-1:0] compare match flags, write 1 to clear
//   0x10 CMP0      compare value, channel 0
//   0x14 CMP1      compare value, channel 1   (one register per channel)
// =============================================================================
`include "defines.svh"

module timer (
  clk,
  rst_n,
  paddr,
  psel,
  penable,
  pwrite,
  pwdata,
  prdata,
  pready,
  pslverr,
  irq
);

  parameter PRESCALE_W = 16;     // width of the prescaler
  parameter NUM_CMP    = 2;      // number of compare channels (1..4)

  // Register offsets, word index = byte offset / 4
  localparam [9:0] REG_CTRL     = 10'd0;
  localparam [9:0] REG_PRESCALE = 10'd1;
  localparam [9:0] REG_COUNT    = 10'd2;
  localparam [9:0] REG_STATUS   = 10'd3;
  localparam [9:0] REG_CMP0     = 10'd4;

  input  wire        clk;
  input  wire        rst_n;        // asynchronous reset, active low
  input  wire [11:0] paddr;        // byte offset inside the timer window
  input  wire        psel;
  input  wire        penable;
  input  wire        pwrite;
  input  wire [31:0] pwdata;
  output reg  [31:0] prdata;
  output wire        pready;
  output wire        pslverr;
  output wire        irq;          // level: any enabled match flag set

  // ---------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------
  // 1 when the current APB access is a write to register word 'idx'.
  function reg_write;
    input [9:0]  word_addr;
    input        sel;
    input        enable;
    input        write;
    input [9:0]  idx;
    begin
      reg_write = sel & enable & write & (word_addr == idx);
    end
  endfunction

  // ---------------------------------------------------------------------------
  // Control registers
  // ---------------------------------------------------------------------------
  reg                   ctrl_enable;       // CTRL[0] counting enabled
  reg                   ctrl_auto_reload;  // CTRL[1] restart on channel 0 match
  reg                   ctrl_irq_en;       // CTRL[2]
  reg  [PRESCALE_W-1:0] prescale;          // PRESCALE register
  reg  [PRESCALE_W-1:0] prescale_cnt;      // prescaler counter
  reg  [31:0]           count;             // COUNT register
  wire                  count_tick;        // prescaler terminal count
  wire [NUM_CMP-1:0]    match;             // COUNT == CMPn this tick
  wire [NUM_CMP-1:0]    match_flags;       // STATUS flags, one per channel
  wire [NUM_CMP*32-1:0] cmp_values;        // all CMPn registers, flat

  always @(posedge clk or negedge rst_n) begin : p_ctrl
    if (!rst_n) begin
      ctrl_enable      <= 1'b0;
      ctrl_auto_reload <= 1'b0;
      ctrl_irq_en      <= 1'b0;
      prescale         <= {PRESCALE_W{1'b0}};
    end else begin
      if (reg_write(paddr[11:2], psel, penable, pwrite, REG_CTRL)) begin
        ctrl_enable      <= pwdata[0];
        ctrl_auto_reload <= pwdata[1];
        ctrl_irq_en      <= pwdata[2];
      end
      if (reg_write(paddr[11:2], psel, penable, pwrite, REG_PRESCALE)) begin
        prescale <= pwdata[PRESCALE_W-1:0];
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Prescaler: divides the bus clock before the main counter
  // ---------------------------------------------------------------------------
  assign count_tick = ctrl_enable && (prescale_cnt == prescale);

  always @(posedge clk or negedge rst_n) begin : p_prescaler
    if (!rst_n) begin
      prescale_cnt <= {PRESCALE_W{1'b0}};
    end else if (!ctrl_enable || count_tick) begin
      prescale_cnt <= {PRESCALE_W{1'b0}};
    end else begin
      prescale_cnt <= prescale_cnt + 1'b1;
    end
  end

  // ---------------------------------------------------------------------------
  // Main counter
  // ---------------------------------------------------------------------------
  always @(posedge clk or negedge rst_n) begin : p_counter
    if (!rst_n) begin
      count <= 32'd0;
    end else if (reg_write(paddr[11:2], psel, penable, pwrite, REG_COUNT)) begin
      count <= pwdata;
    end else if (count_tick) begin
      if (ctrl_auto_reload && match[0])
        count <= 32'd0;
      else
        count <= count + 32'd1;
    end
  end

  // ---------------------------------------------------------------------------
  // Compare channels
  // ---------------------------------------------------------------------------
  genvar ch;
  generate
    for (ch = 0; ch < NUM_CMP; ch = ch + 1) begin : g_cmp
      reg [31:0] cmp_value;    // CMPn register
      reg        flag;         // STATUS[n] sticky match flag

      always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
          cmp_value <= 32'hFFFF_FFFF;
        end else if (reg_write(paddr[11:2], psel, penable, pwrite, REG_CMP0 + ch)) begin
          cmp_value <= pwdata;
        end
      end

      assign match[ch] = count_tick && (count == cmp_value);

      always @(posedge clk or negedge rst_n) begin
        if (!rst_n) begin
          flag <= 1'b0;
        end else if (match[ch]) begin
          flag <= 1'b1;                       // set wins over clear
        end else if (reg_write(paddr[11:2], psel, penable, pwrite, REG_STATUS) && pwdata[ch]) begin
          flag <= 1'b0;
        end
      end

      assign match_flags[ch]           = flag;
      assign cmp_values[ch*32 +: 32]   = cmp_value;
    end
  endgenerate

  // ---------------------------------------------------------------------------
  // Read back
  // ---------------------------------------------------------------------------
  wire [9:0] cmp_sel = paddr[11:2] - REG_CMP0;   // channel addressed by CMPn reads
  integer i;

  always @* begin : p_read_mux
    prdata = 32'd0;
    case (paddr[11:2])
      REG_CTRL:     prdata = {29'd0, ctrl_irq_en, ctrl_auto_reload, ctrl_enable};
      REG_PRESCALE: prdata = {{(32-PRESCALE_W){1'b0}}, prescale};
      REG_COUNT:    prdata = count;
      REG_STATUS:   prdata = {{(32-NUM_CMP){1'b0}}, match_flags};
      default: begin
        for (i = 0; i < NUM_CMP; i = i + 1) begin
          if (cmp_sel == i[9:0])
            prdata = cmp_values[i*32 +: 32];
        end
      end
    endcase
  end

  assign pready  = 1'b1;
  assign pslverr = 1'b0;
  assign irq     = ctrl_irq_en && (|match_flags);

  // Byte offset bits [1:0] are not decoded (word registers only).
  wire unused_ok = ^paddr[1:0];

endmodule
