// =============================================================================
// soc_pkg - shared types, constants and helper functions for mini_soc
//
// Contents
//   * APB bus geometry (address / data widths)
//   * The system address map and slave indices used by the APB decoder
//   * Interrupt line numbering
//   * UART, DMA and SYS_CTRL register offsets
//   * Enums: UART parity mode, DMA engine state
//   * Structs: DMA descriptor (as laid out in memory) and its control word
//   * Small pure functions: parity, byte-lane strobes, strobe merge
//
// Tool note: the RTL refers to items in here with an explicit soc_pkg:: prefix
// because the yosys 0.23 front end has no `import`. Enum types are given a
// module-local alias (typedef soc_pkg::x_e x_e) because Icarus 11 cannot
// declare objects of a package-scoped enum/struct type directly. The one
// struct register in the RTL (dma_engine.desc_q) therefore needs an `ifdef.
// The testbench simply imports the package.
// =============================================================================
`include "defines.svh"

package soc_pkg;

  // ---------------------------------------------------------------------------
  // APB bus geometry
  // ---------------------------------------------------------------------------
  localparam int APB_ADDR_W = 32;
  localparam int APB_DATA_W = 32;

  // ---------------------------------------------------------------------------
  // System address map
  //
  //   0x0000_0000 - 0x0000_03FF  SRAM      (1 KiB on-chip RAM, descriptors+data)
  //   0x4000_0000 - 0x4000_0FFF  UART
  //   0x4000_1000 - 0x4000_1FFF  TIMER
  //   0x4000_2000 - 0x4000_2FFF  GPIO
  //   0x4000_3000 - 0x4000_3FFF  DMA       (configuration registers)
  //   0x4000_4000 - 0x4000_4FFF  SYS_CTRL  (ID, scratch, interrupt controller)
  //
  // Anything else is answered by the decoder's default slave with PSLVERR.
  // ---------------------------------------------------------------------------
  localparam logic [31:0] SRAM_BASE    = 32'h0000_0000;
  localparam logic [31:0] SRAM_MASK    = 32'hFFFF_FC00;   // 1 KiB window
  localparam logic [31:0] UART_BASE    = 32'h4000_0000;
  localparam logic [31:0] TIMER_BASE   = 32'h4000_1000;
  localparam logic [31:0] GPIO_BASE    = 32'h4000_2000;
  localparam logic [31:0] DMA_BASE     = 32'h4000_3000;
  localparam logic [31:0] SYSCTL_BASE  = 32'h4000_4000;
  localparam logic [31:0] PERIPH_MASK  = 32'hFFFF_F000;   // 4 KiB windows

  // Slave index of every decoder output port. The order here is the order of
  // the per-slave vectors in soc_top and of SLAVE_BASES / SLAVE_MASKS below.
  localparam int NUM_SLAVES  = 6;
  localparam int SLV_SRAM    = 0;
  localparam int SLV_UART    = 1;
  localparam int SLV_TIMER   = 2;
  localparam int SLV_GPIO    = 3;
  localparam int SLV_DMA     = 4;
  localparam int SLV_SYSCTL  = 5;

  // Base / mask tables for the decoder, slave 0 in the least significant word.
  localparam logic [NUM_SLAVES*32-1:0] SLAVE_BASES =
    {SYSCTL_BASE, DMA_BASE, GPIO_BASE, TIMER_BASE, UART_BASE, SRAM_BASE};
  localparam logic [NUM_SLAVES*32-1:0] SLAVE_MASKS =
    {PERIPH_MASK, PERIPH_MASK, PERIPH_MASK, PERIPH_MASK, PERIPH_MASK, SRAM_MASK};

  // ---------------------------------------------------------------------------
  // Interrupt lines collected by SYS_CTRL (bit positions in IRQ_STATUS)
  // ---------------------------------------------------------------------------
  localparam int NUM_IRQS     = 5;
  localparam int IRQ_UART_RX  = 0;   // RX FIFO not empty
  localparam int IRQ_UART_TX  = 1;   // TX FIFO empty
  localparam int IRQ_TIMER    = 2;   // timer compare match
  localparam int IRQ_GPIO     = 3;   // GPIO edge detected
  localparam int IRQ_DMA      = 4;   // DMA chain finished / error

  // ---------------------------------------------------------------------------
  // Register index type: word index inside a 4 KiB peripheral window
  // (byte offset bits [11:2]). All *_REG_* constants below use it.
  // ---------------------------------------------------------------------------
  typedef logic [9:0] reg_idx_t;

  // ---------------------------------------------------------------------------
  // Identification
  // ---------------------------------------------------------------------------
  localparam logic [31:0] SOC_ID = 32'h534F_4331;   // ASCII "SOC1"

  // ---------------------------------------------------------------------------
  // UART
  // ---------------------------------------------------------------------------
  localparam int UART_FIFO_DEPTH  = 8;     // entries per direction
  localparam int UART_OVERSAMPLE  = 16;    // baud ticks per bit
  // Register word offsets (byte offset = 4 * index)
  localparam reg_idx_t UART_REG_DATA    = 10'd0;     // W: push TX, R: pop RX
  localparam reg_idx_t UART_REG_STATUS  = 10'd1;
  localparam reg_idx_t UART_REG_CTRL    = 10'd2;
  localparam reg_idx_t UART_REG_BAUD    = 10'd3;     // divisor - 1
  // Reset value of the baud divisor: 50 MHz / (16 * 27) ~ 115200 baud
  localparam logic [15:0] UART_BAUD_RESET  = 16'd26;

  // Parity mode, CTRL[2:1]
  typedef enum logic [1:0] {
    PARITY_NONE = 2'b00,
    PARITY_EVEN = 2'b01,
    PARITY_ODD  = 2'b10
  } parity_e;

  // ---------------------------------------------------------------------------
  // DMA
  // ---------------------------------------------------------------------------
  localparam reg_idx_t DMA_REG_CTRL      = 10'd0;   // [0] start, [1] abort, [2] irq_en
  localparam reg_idx_t DMA_REG_STATUS    = 10'd1;   // [0] busy [1] done [2] error [3] desc_irq [6:4] state
  localparam reg_idx_t DMA_REG_DESC_PTR  = 10'd2;   // address of first descriptor
  localparam reg_idx_t DMA_REG_CUR_DESC  = 10'd3;   // descriptor being processed (RO)
  localparam reg_idx_t DMA_REG_XFER_CNT  = 10'd4;   // transfer units completed (RO)
  localparam int       DMA_DESC_WORDS    = 4;       // words per descriptor in memory

  // State of the DMA descriptor / transfer FSM (visible in STATUS[6:4]).
  typedef enum logic [2:0] {
    DMA_IDLE  = 3'd0,   // waiting for CTRL.start
    DMA_FETCH = 3'd1,   // reading the 4 descriptor words
    DMA_READ  = 3'd2,   // reading one unit from the source
    DMA_WRITE = 3'd3,   // writing that unit to the destination
    DMA_NEXT  = 3'd4,   // descriptor finished, follow next_ptr or stop
    DMA_ERROR = 3'd5    // bus error seen; sticky until the next start
  } dma_state_e;

  // Control half-word of a descriptor (word 2, bits 31:16).
  typedef struct packed {
    logic [10:0] reserved;
    logic        last;       // stop after this descriptor (ignore next_ptr)
    logic        irq_en;     // raise the DMA interrupt when this one finishes
    logic        size_word;  // 1: 32-bit units, 0: byte units
    logic        dst_inc;    // increment destination address per unit
    logic        src_inc;    // increment source address per unit
  } dma_ctrl_t;

  // A DMA descriptor exactly as it is stored in memory. Word i of the
  // descriptor lives in bits [32*i +: 32]:
  //   word 0 : source address
  //   word 1 : destination address
  //   word 2 : {ctrl, length}   length = number of units to move
  //   word 3 : address of the next descriptor
  typedef struct packed {
    logic [31:0] next_ptr;
    dma_ctrl_t   ctrl;
    logic [15:0] length;
    logic [31:0] dst_addr;
    logic [31:0] src_addr;
  } dma_desc_t;

  // ---------------------------------------------------------------------------
  // SYS_CTRL
  // ---------------------------------------------------------------------------
  localparam reg_idx_t SYS_REG_ID          = 10'd0;
  localparam reg_idx_t SYS_REG_VERSION     = 10'd1;
  localparam reg_idx_t SYS_REG_SCRATCH     = 10'd2;
  localparam reg_idx_t SYS_REG_IRQ_STATUS  = 10'd3;   // raw interrupt lines
  localparam reg_idx_t SYS_REG_IRQ_MASK    = 10'd4;   // 1 = line enabled
  localparam reg_idx_t SYS_REG_IRQ_PENDING = 10'd5;   // status & mask
  localparam reg_idx_t SYS_REG_BUS_ERR     = 10'd6;   // sticky APB protocol error

  // ---------------------------------------------------------------------------
  // Helper functions (pure, synthesizable)
  // ---------------------------------------------------------------------------

  // Parity bit to append to a UART data byte. odd=1 selects odd parity.
  function automatic logic parity_bit(input logic [7:0] data, input logic odd);
    parity_bit = (^data) ^ odd;
  endfunction

  // One-hot byte strobe for a byte access at the given address.
  function automatic logic [3:0] byte_strobe(input logic [1:0] byte_addr);
    byte_strobe = 4'b0001 << byte_addr;
  endfunction

  // Select one byte of a 32-bit word by its byte address.
  function automatic logic [7:0] byte_select(input logic [31:0] word, input logic [1:0] byte_addr);
    byte_select = word[8*byte_addr +: 8];
  endfunction

  // Merge new write data into an old register value under byte strobes.
  function automatic logic [31:0] apply_strobe(input logic [31:0] old_value,
                                               input logic [31:0] new_value,
                                               input logic [3:0]  strb);
    for (int b = 0; b < 4; b++) begin
      apply_strobe[8*b +: 8] = strb[b] ? new_value[8*b +: 8] : old_value[8*b +: 8];
    end
  endfunction

  // Register word index from the byte offset inside a peripheral window.
  // The byte-offset bits [1:0] are dropped on purpose.
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic [9:0] reg_index(input logic [11:0] offset);
    reg_index = offset[11:2];
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

endpackage : soc_pkg
