// =============================================================================
// tb_soc - self-checking testbench for mini_soc
//
// The testbench plays the external host on the SoC's APB slave port and
// checks every block through its registers:
//
//   1. sync_fifo unit test (two standalone instances: FWFT and registered)
//   2. SYS_CTRL identification, scratch register with byte strobes
//   3. unmapped address -> PSLVERR and SYS_CTRL.BUS_ERR
//   4. SRAM word and byte accesses
//   5. UART: external loopback (uart_tx_o wired back to uart_rx_i), internal
//      loopback with odd parity and two stop bits, injected parity / framing
//      errors, TX FIFO full handling (PSLVERR when disabled, wait states
//      when enabled)
//   6. DMA: word copy, a two-descriptor chain SRAM -> UART + unaligned byte
//      copy, bus error on an unmapped source
//   7. timer compare interrupt, GPIO outputs / inputs / edge interrupt
//   8. interrupt controller (irq_o) and the irq trace port
//
// Result: "TEST PASSED" or "TEST FAILED (<n> errors)" at the end of the log.
// Plusargs: +vcd dumps tb_soc.vcd, +soc_verbose enables the RTL traces.
// =============================================================================
`timescale 1ns/1ps
`include "defines.svh"

module tb_soc;

  import soc_pkg::*;

  localparam int CLK_HALF       = 10;   // 50 MHz system clock
  localparam int TRACE_CLK_HALF = 17;   // unrelated trace clock (~29 MHz)
  localparam int UART_BAUD_DIV  = 1;    // BAUD register: tick every 2 clocks
  localparam int UART_BIT_CLKS  = UART_OVERSAMPLE * (UART_BAUD_DIV + 1);

  // ---------------------------------------------------------------------------
  // Clocks and resets
  // ---------------------------------------------------------------------------
  logic clk = 1'b0;
  logic trace_clk = 1'b0;
  logic rst_n;
  logic trace_rst_n;

  always #(CLK_HALF)       clk       = ~clk;
  always #(TRACE_CLK_HALF) trace_clk = ~trace_clk;

  // ---------------------------------------------------------------------------
  // DUT connections
  // ---------------------------------------------------------------------------
  logic [31:0] host_paddr;
  logic        host_psel;
  logic        host_penable;
  logic        host_pwrite;
  logic [31:0] host_pwdata;
  logic [3:0]  host_pstrb;
  logic [31:0] host_prdata;
  logic        host_pready;
  logic        host_pslverr;

  logic        uart_tx;          // SoC transmit pin
  logic        uart_rx;          // SoC receive pin
  logic        rx_override;      // 1: the testbench drives uart_rx itself
  logic        rx_force_bit;     // level driven while rx_override is set
  logic [7:0]  gpio_in;
  logic [7:0]  gpio_out;
  logic [7:0]  gpio_oe;
  logic        irq;
  logic        trace_valid;
  logic [15:0] trace_data;

  // External UART loopback, unless the testbench bit-bangs the line.
  assign uart_rx = rx_override ? rx_force_bit : uart_tx;

  soc_top #(
    .SRAM_WORDS (256),
    .HAS_TRACE  (1'b1),
    .GPIO_WIDTH (8)
  ) dut (
    .clk_i          (clk),
    .rst_ni         (rst_n),
    .test_mode_i    (1'b0),
    .host_paddr_i   (host_paddr),
    .host_psel_i    (host_psel),
    .host_penable_i (host_penable),
    .host_pwrite_i  (host_pwrite),
    .host_pwdata_i  (host_pwdata),
    .host_pstrb_i   (host_pstrb),
    .host_prdata_o  (host_prdata),
    .host_pready_o  (host_pready),
    .host_pslverr_o (host_pslverr),
    .uart_rx_i      (uart_rx),
    .uart_tx_o      (uart_tx),
    .gpio_i         (gpio_in),
    .gpio_o         (gpio_out),
    .gpio_oe_o      (gpio_oe),
    .irq_o          (irq),
    .trace_clk_i    (trace_clk),
    .trace_rst_ni   (trace_rst_n),
    .trace_valid_o  (trace_valid),
    .trace_ready_i  (1'b1),
    .trace_data_o   (trace_data)
  );

  // ---------------------------------------------------------------------------
  // Standalone FIFOs for the unit test
  // ---------------------------------------------------------------------------
  logic       ff_push, ff_pop;
  logic [7:0] ff_wdata;
  logic [7:0] fwft_rdata, reg_rdata;
  logic       fwft_full, fwft_empty, fwft_afull;
  logic       reg_full, reg_empty, reg_afull;
  logic [2:0] fwft_count, reg_count;

  sync_fifo #(.WIDTH(8), .DEPTH(4), .FWFT(1'b1), .ALMOST_FULL_LEVEL(3)) u_fifo_fwft (
    .clk_i (clk), .rst_ni (rst_n), .flush_i (1'b0),
    .push_i (ff_push), .wdata_i (ff_wdata), .full_o (fwft_full), .almost_full_o (fwft_afull),
    .pop_i (ff_pop), .rdata_o (fwft_rdata), .empty_o (fwft_empty), .count_o (fwft_count)
  );

  sync_fifo #(.WIDTH(8), .DEPTH(4), .FWFT(1'b0)) u_fifo_reg (
    .clk_i (clk), .rst_ni (rst_n), .flush_i (1'b0),
    .push_i (ff_push), .wdata_i (ff_wdata), .full_o (reg_full), .almost_full_o (reg_afull),
    .pop_i (ff_pop), .rdata_o (reg_rdata), .empty_o (reg_empty), .count_o (reg_count)
  );

  // ---------------------------------------------------------------------------
  // Scoreboard helpers
  // ---------------------------------------------------------------------------
  int errors = 0;
  int checks = 0;

  // Plain if-statements rather than assertions: the scoreboard must count
  // even in tools that compile immediate assertions away by default.
  task automatic check(input string what, input logic [31:0] got, input logic [31:0] exp);
    checks++;
    if (got !== exp) begin
      errors++;
      $error("CHECK FAILED %s: got 0x%08h, expected 0x%08h", what, got, exp);
    end
  endtask

  task automatic check_true(input string what, input logic cond);
    checks++;
    if (cond !== 1'b1) begin
      errors++;
      $error("CHECK FAILED %s", what);
    end
  endtask

  task automatic wait_clks(input int n);
    repeat (n) @(posedge clk);
  endtask

  // Move to the middle of the clock cycle before looking at DUT outputs.
  task automatic settle;
    @(negedge clk);
  endtask

  // ---------------------------------------------------------------------------
  // APB host bus functional model
  // All pin changes and all samples happen on the falling clock edge, half a
  // cycle away from the DUT's rising-edge flops, so the model is race free in
  // any simulator:
  //   negedge: drive setup phase          (DUT samples it on the next posedge)
  //   negedge: raise PENABLE              (access phase)
  //   negedge: sample PREADY / data ...   (repeat until PREADY)
  //   negedge: drop PSEL / PENABLE        (transfer completed on the posedge before)
  // ---------------------------------------------------------------------------
  task automatic apb_xfer(input  logic [31:0] addr,
                          input  logic        write,
                          input  logic [31:0] wdata,
                          input  logic [3:0]  strb,
                          output logic [31:0] rdata,
                          output logic        err);
    @(negedge clk);
    host_paddr   = addr;
    host_pwrite  = write;
    host_pwdata  = wdata;
    host_pstrb   = write ? strb : 4'b0000;
    host_psel    = 1'b1;
    host_penable = 1'b0;
    @(negedge clk);
    host_penable = 1'b1;
    @(negedge clk);
    while (!host_pready) @(negedge clk);
    rdata = host_prdata;
    err   = host_pslverr;
    @(negedge clk);                  // the access completed on the posedge in between
    host_psel    = 1'b0;
    host_penable = 1'b0;
  endtask

  task automatic apb_write(input logic [31:0] addr, input logic [31:0] data);
    logic [31:0] unused_rdata;
    logic        err;
    apb_xfer(addr, 1'b1, data, 4'b1111, unused_rdata, err);
    check_true($sformatf("no PSLVERR on write to 0x%08h", addr), !err);
  endtask

  task automatic apb_read(input logic [31:0] addr, output logic [31:0] data);
    logic err;
    apb_xfer(addr, 1'b0, 32'h0, 4'b0000, data, err);
    check_true($sformatf("no PSLVERR on read of 0x%08h", addr), !err);
  endtask

  task automatic apb_read_check(input string what, input logic [31:0] addr, input logic [31:0] exp);
    logic [31:0] data;
    apb_read(addr, data);
    check(what, data, exp);
  endtask

  // Poll a register until (value & mask) == exp, with a cycle budget.
  task automatic apb_poll(input string what, input logic [31:0] addr,
                          input logic [31:0] mask, input logic [31:0] exp, input int max_reads);
    logic [31:0] data;
    int          n;
    n = 0;
    do begin
      apb_read(addr, data);
      n++;
    end while (((data & mask) !== exp) && (n < max_reads));
    check($sformatf("%s (after %0d polls)", what, n), data & mask, exp);
  endtask

  // Register address of a peripheral register, word index 'idx'.
  function automatic logic [31:0] reg_addr(input logic [31:0] base, input reg_idx_t idx);
    reg_addr = base + `REG_OFFSET(32'(idx));
  endfunction

  // ---------------------------------------------------------------------------
  // UART line driver: bit-bang one frame on uart_rx
  // ---------------------------------------------------------------------------
  task automatic uart_drive_frame(input logic [7:0] data, input logic with_parity,
                                  input logic parity_value, input logic stop_value);
    rx_override  = 1'b1;
    rx_force_bit = 1'b0;                           // start bit
    wait_clks(UART_BIT_CLKS);
    for (int i = 0; i < 8; i++) begin
      rx_force_bit = data[i];
      wait_clks(UART_BIT_CLKS);
    end
    if (with_parity) begin
      rx_force_bit = parity_value;
      wait_clks(UART_BIT_CLKS);
    end
    rx_force_bit = stop_value;
    wait_clks(UART_BIT_CLKS);
    rx_force_bit = 1'b1;                           // back to idle
    wait_clks(2 * UART_BIT_CLKS);
  endtask

  // ---------------------------------------------------------------------------
  // DMA descriptor writer: uses the package struct for the memory layout
  // ---------------------------------------------------------------------------
  task automatic write_descriptor(input logic [31:0] addr, input dma_desc_t desc);
    for (int w = 0; w < DMA_DESC_WORDS; w++) begin
      apb_write(addr + 4 * w, desc[32*w +: 32]);
    end
  endtask

  function automatic dma_desc_t make_descriptor(input logic [31:0] src, input logic [31:0] dst,
                                                input logic [15:0] len, input logic word_units,
                                                input logic src_inc, input logic dst_inc,
                                                input logic last, input logic irq_en,
                                                input logic [31:0] next);
    dma_desc_t d;
    d                = '0;
    d.src_addr       = src;
    d.dst_addr       = dst;
    d.length         = len;
    d.ctrl.size_word = word_units;
    d.ctrl.src_inc   = src_inc;
    d.ctrl.dst_inc   = dst_inc;
    d.ctrl.last      = last;
    d.ctrl.irq_en    = irq_en;
    d.next_ptr       = next;
    make_descriptor  = d;
  endfunction

  // ---------------------------------------------------------------------------
  // Trace port sink (trace clock domain)
  // ---------------------------------------------------------------------------
  int          trace_words = 0;
  logic [NUM_IRQS-1:0] trace_seen = '0;   // union of all irq bits seen in trace words

  // Sampled mid-cycle: with trace_ready tied high each word is at the head of
  // the FIFO for exactly one trace clock cycle.
  always @(negedge trace_clk) begin
    if (trace_rst_n && trace_valid) begin
      trace_words <= trace_words + 1;
      trace_seen  <= trace_seen | trace_data[15 -: NUM_IRQS];
    end
  end

  // ---------------------------------------------------------------------------
  // Cycle-by-cycle invariants (immediate assertions)
  // ---------------------------------------------------------------------------
  always @(negedge clk) begin : p_invariants
    if (rst_n) begin
      assert (!(fwft_full && fwft_empty))
        else begin errors++; $error("sync_fifo reports full and empty at once"); end
      assert (fwft_count <= 3'd4 && fwft_count == reg_count)
        else begin errors++; $error("sync_fifo count out of range / instances disagree"); end
      assert (gpio_oe === dut.u_gpio.dir)
        else begin errors++; $error("gpio_oe does not follow the DIR register"); end
    end
  end

  // ---------------------------------------------------------------------------
  // Protocol assertions and a clocking block for the host port.
  // Icarus 11 supports neither, so they are only compiled by other simulators
  // (e.g. verilator --timing).
  // ---------------------------------------------------------------------------
`ifndef __ICARUS__
  clocking host_cb @(posedge clk);
    default input #1step output #1;
    input  host_prdata, host_pready, host_pslverr;
    output host_paddr, host_psel, host_penable, host_pwrite, host_pwdata, host_pstrb;
  endclocking

  // Once in the access phase the request must not change until PREADY.
  property p_host_hold;
    @(posedge clk) disable iff (!rst_n)
      (host_psel && host_penable && !host_pready) |=>
        (host_psel && host_penable && $stable(host_paddr) && $stable(host_pwrite));
  endproperty
  a_host_hold: assert property (p_host_hold)
    else $error("host APB request changed during a wait state");

  // The interrupt pin may only be high while some line is pending.
  a_irq_pending: assert property (@(posedge clk) disable iff (!rst_n)
                                  irq |-> (dut.u_sys_ctrl.irq_pending != '0));
`endif

  // ---------------------------------------------------------------------------
  // Test sections
  // ---------------------------------------------------------------------------
  task automatic test_fifo;
    logic [7:0] model [0:255];   // reference queue
    int         head, tail, seed;
    $display("[%0t] --- sync_fifo unit test", $time);
    ff_push = 1'b0; ff_pop = 1'b0; ff_wdata = '0;
    wait_clks(1);
    check_true("fifo empty after reset", fwft_empty && reg_empty);

    // Fill both FIFOs: 4 entries, full and almost-full flags.
    for (int i = 0; i < 4; i++) begin
      @(negedge clk); ff_push = 1'b1; ff_wdata = 8'h10 + 8'(i);
    end
    @(negedge clk); ff_push = 1'b0;
    check("fifo count when full", 32'(fwft_count), 32'd4);
    check("registered fifo count when full", 32'(reg_count), 32'd4);
    check_true("fifo full flags", fwft_full && reg_full && fwft_afull && reg_afull);

    // Drain: FWFT shows data before the pop, registered FIFO after it.
    for (int i = 0; i < 4; i++) begin
      @(negedge clk);
      check($sformatf("fwft head %0d", i), 32'(fwft_rdata), 32'h10 + i);
      ff_pop = 1'b1;
      @(negedge clk);
      ff_pop = 1'b0;
      check($sformatf("registered data %0d", i), 32'(reg_rdata), 32'h10 + i);
    end
    check_true("fifo empty after drain", fwft_empty && reg_empty && !fwft_full);

    // Random push/pop against a reference model (FWFT instance).
    head = 0; tail = 0; seed = 7;
    for (int cyc = 0; cyc < 300; cyc++) begin
      @(negedge clk);
      if (!fwft_empty) begin
        check("fifo random data", 32'(fwft_rdata), 32'(model[head[7:0]]));
      end
      check("fifo random count", 32'(fwft_count), 32'(tail - head));
      ff_push  = ($random(seed) % 3 != 0) && !fwft_full;
      ff_pop   = ($random(seed) % 2 == 0) && !fwft_empty;
      ff_wdata = 8'($random(seed));
      if (ff_push) begin model[tail[7:0]] = ff_wdata; tail++; end
      if (ff_pop)  head++;
    end
    @(negedge clk); ff_push = 1'b0; ff_pop = 1'b0;
  endtask

  task automatic test_sysctrl_and_bus;
    logic [31:0] rdata;
    logic        err;
    $display("[%0t] --- SYS_CTRL, decoder, SRAM", $time);
    apb_read_check("SOC_ID",  reg_addr(SYSCTL_BASE, SYS_REG_ID), SOC_ID);
    apb_read_check("VERSION", reg_addr(SYSCTL_BASE, SYS_REG_VERSION), `SOC_VERSION);

    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_SCRATCH), 32'hCAFE_F00D);
    apb_xfer(reg_addr(SYSCTL_BASE, SYS_REG_SCRATCH), 1'b1, 32'h0000_5500, 4'b0010, rdata, err);
    apb_read_check("SCRATCH byte-strobe write", reg_addr(SYSCTL_BASE, SYS_REG_SCRATCH), 32'hCAFE_550D);

    // Unmapped address: error response, sticky decode error flag.
    apb_xfer(32'h5000_0000, 1'b0, 32'h0, 4'b0000, rdata, err);
    check_true("PSLVERR on unmapped address", err);
    apb_read_check("BUS_ERR decode flag", reg_addr(SYSCTL_BASE, SYS_REG_BUS_ERR), 32'h2);
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_BUS_ERR), 32'h3);
    apb_read_check("BUS_ERR cleared", reg_addr(SYSCTL_BASE, SYS_REG_BUS_ERR), 32'h0);

    // SRAM: words, then a byte lane write.
    for (int i = 0; i < 8; i++) apb_write(SRAM_BASE + 32'h40 + 4 * i, 32'hA000_0000 + i);
    for (int i = 0; i < 8; i++)
      apb_read_check($sformatf("SRAM word %0d", i), SRAM_BASE + 32'h40 + 4 * i, 32'hA000_0000 + i);
    apb_xfer(SRAM_BASE + 32'h40, 1'b1, 32'h00EE_0000, byte_strobe(2'd2), rdata, err);
    apb_read_check("SRAM byte lane 2", SRAM_BASE + 32'h40, 32'hA0EE_0000);
  endtask

  task automatic test_uart;
    logic [31:0] rdata;
    logic        err;
    logic [7:0]  msg [0:3];
    time         t_start;
    $display("[%0t] --- UART", $time);
    msg[0] = "H"; msg[1] = "i"; msg[2] = "!"; msg[3] = 8'h0A;

    // External loopback, 8N1.
    rx_override = 1'b0;
    apb_write(reg_addr(UART_BASE, UART_REG_BAUD), UART_BAUD_DIV);
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h1);          // enable, no parity
    for (int i = 0; i < 4; i++) apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'(msg[i]));
    apb_poll("UART rx_count == 4", reg_addr(UART_BASE, UART_REG_STATUS), 32'h00FF_0000, 32'h0004_0000, 400);
    for (int i = 0; i < 4; i++)
      apb_read_check($sformatf("UART loopback byte %0d", i), reg_addr(UART_BASE, UART_REG_DATA),
                     {23'b0, 1'b1, msg[i]});
    apb_read_check("UART DATA when empty", reg_addr(UART_BASE, UART_REG_DATA), 32'h0);
    apb_poll("UART STATUS idle", reg_addr(UART_BASE, UART_REG_STATUS), 32'hFFFF_FFFF, 32'h0000_0006, 50);

    // Internal loopback, odd parity, two stop bits.
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h1 | (32'(PARITY_ODD) << 1) | 32'h8 | 32'h40);
    apb_read_check("UART CTRL readback", reg_addr(UART_BASE, UART_REG_CTRL), 32'h4D);
    apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'hA5);
    apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'h3C);
    settle();
    check("uart_tx_o idle during internal loopback", 32'(uart_tx), 32'h1);
    apb_poll("UART parity loopback rx_count == 2", reg_addr(UART_BASE, UART_REG_STATUS),
             32'h00FF_0000, 32'h0002_0000, 400);
    apb_read_check("UART parity byte 0", reg_addr(UART_BASE, UART_REG_DATA), 32'h1A5);
    apb_read_check("UART parity byte 1", reg_addr(UART_BASE, UART_REG_DATA), 32'h13C);
    apb_poll("UART no errors", reg_addr(UART_BASE, UART_REG_STATUS), 32'hFFFF_FFFF, 32'h0000_0006, 50);

    // Injected errors: even parity configured, wrong parity bit, then a bad stop bit.
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h1 | (32'(PARITY_EVEN) << 1));
    uart_drive_frame(8'h81, 1'b1, 1'b1, 1'b1);      // 0x81 has even weight: parity must be 0
    apb_read_check("UART parity error flag", reg_addr(UART_BASE, UART_REG_STATUS), 32'h0001_0102);
    apb_read_check("UART byte kept despite parity error", reg_addr(UART_BASE, UART_REG_DATA), 32'h181);
    uart_drive_frame(8'h42, 1'b1, 1'b0, 1'b0);      // correct parity, stop bit low
    apb_read_check("UART frame error flag", reg_addr(UART_BASE, UART_REG_STATUS), 32'h0000_0186);
    apb_write(reg_addr(UART_BASE, UART_REG_STATUS), 32'h1C0);       // W1C all error flags
    apb_read_check("UART errors cleared", reg_addr(UART_BASE, UART_REG_STATUS), 32'h0000_0006);

    // TX FIFO full while disabled: the 9th write is refused with PSLVERR.
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h0);
    for (int i = 0; i < UART_FIFO_DEPTH; i++) apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'h30 + i);
    apb_xfer(reg_addr(UART_BASE, UART_REG_DATA), 1'b1, 32'h55, 4'b1111, rdata, err);
    check_true("PSLVERR on write to full TX FIFO while disabled", err);
    // Enabled: the next write waits (PREADY low) until the transmitter takes a byte.
    rx_override = 1'b1; rx_force_bit = 1'b1;        // keep the receiver quiet
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h1);
    apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'h38);   // FIFO has room again at once
    t_start = $time;
    apb_write(reg_addr(UART_BASE, UART_REG_DATA), 32'h39);   // must stall for about a frame
    check_true("TX FIFO full stalls the APB write", ($time - t_start) > 50 * 2 * CLK_HALF);
    apb_poll("UART TX drained", reg_addr(UART_BASE, UART_REG_STATUS), 32'h0000_0012, 32'h0000_0002, 2000);
    rx_override = 1'b0;
  endtask

  task automatic test_dma;
    $display("[%0t] --- DMA", $time);

    // (a) word copy 0x100 -> 0x200, 4 words, single descriptor at 0x000
    for (int i = 0; i < 4; i++) apb_write(SRAM_BASE + 32'h100 + 4 * i, 32'h1111_1111 * (i + 1));
    write_descriptor(SRAM_BASE + 32'h000,
                     make_descriptor(32'h100, 32'h200, 16'd4, 1'b1, 1'b1, 1'b1, 1'b1, 1'b0, 32'h0));
    apb_write(reg_addr(DMA_BASE, DMA_REG_DESC_PTR), SRAM_BASE + 32'h000);
    apb_write(reg_addr(DMA_BASE, DMA_REG_CTRL), 32'h1);
    apb_poll("DMA word copy done", reg_addr(DMA_BASE, DMA_REG_STATUS), 32'h7, 32'h2, 200);
    for (int i = 0; i < 4; i++)
      apb_read_check($sformatf("DMA copied word %0d", i), SRAM_BASE + 32'h200 + 4 * i, 32'h1111_1111 * (i + 1));
    apb_read_check("DMA XFER_CNT after copy", reg_addr(DMA_BASE, DMA_REG_XFER_CNT), 32'd4);
    apb_write(reg_addr(DMA_BASE, DMA_REG_STATUS), 32'hE);             // clear sticky flags

    // (b) chain: bytes "DMA!" from 0x300 to UART DATA, then 3 bytes 0x300 -> 0x381
    apb_write(SRAM_BASE + 32'h300, 32'h21414D44);                    // "DMA!" little endian
    apb_write(SRAM_BASE + 32'h380, 32'h0);
    write_descriptor(SRAM_BASE + 32'h010,
                     make_descriptor(32'h300, UART_BASE, 16'd4, 1'b0, 1'b1, 1'b0, 1'b0, 1'b0, 32'h020));
    write_descriptor(SRAM_BASE + 32'h020,
                     make_descriptor(32'h300, 32'h381, 16'd3, 1'b0, 1'b1, 1'b1, 1'b1, 1'b1, 32'h0));
    apb_write(reg_addr(UART_BASE, UART_REG_CTRL), 32'h1);             // 8N1, external loopback
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_IRQ_MASK), 32'(1) << IRQ_DMA);
    apb_write(reg_addr(DMA_BASE, DMA_REG_DESC_PTR), SRAM_BASE + 32'h010);
    apb_write(reg_addr(DMA_BASE, DMA_REG_CTRL), 32'h5);               // start + irq_en
    apb_poll("DMA chain done", reg_addr(DMA_BASE, DMA_REG_STATUS), 32'h7, 32'h2, 200);
    apb_read_check("DMA desc_irq flag", reg_addr(DMA_BASE, DMA_REG_STATUS), 32'hA);
    apb_read_check("DMA CUR_DESC", reg_addr(DMA_BASE, DMA_REG_CUR_DESC), 32'h020);
    apb_read_check("DMA XFER_CNT chain", reg_addr(DMA_BASE, DMA_REG_XFER_CNT), 32'd7);
    apb_read_check("DMA unaligned byte copy", SRAM_BASE + 32'h380, 32'h414D_4400);
    settle();
    check("irq_o from DMA", 32'(irq), 32'h1);
    apb_read_check("IRQ_PENDING shows DMA", reg_addr(SYSCTL_BASE, SYS_REG_IRQ_PENDING), 32'(1) << IRQ_DMA);
    apb_poll("UART received the DMA bytes", reg_addr(UART_BASE, UART_REG_STATUS),
             32'h00FF_0000, 32'h0004_0000, 400);
    for (int i = 0; i < 4; i++)
      apb_read_check($sformatf("DMA->UART byte %0d", i), reg_addr(UART_BASE, UART_REG_DATA),
                     {23'b0, 1'b1, 8'(32'h21414D44 >> (8 * i))});
    apb_write(reg_addr(DMA_BASE, DMA_REG_STATUS), 32'hE);
    settle();
    check("irq_o cleared", 32'(irq), 32'h0);

    // (c) unmapped source address -> ERROR state, STATUS.error
    write_descriptor(SRAM_BASE + 32'h030,
                     make_descriptor(32'h5000_0000, 32'h200, 16'd1, 1'b1, 1'b1, 1'b1, 1'b1, 1'b0, 32'h0));
    apb_write(reg_addr(DMA_BASE, DMA_REG_DESC_PTR), SRAM_BASE + 32'h030);
    apb_write(reg_addr(DMA_BASE, DMA_REG_CTRL), 32'h1);
    apb_poll("DMA bus error reported", reg_addr(DMA_BASE, DMA_REG_STATUS), 32'h7, 32'h4, 200);
    apb_write(reg_addr(DMA_BASE, DMA_REG_STATUS), 32'hE);
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_BUS_ERR), 32'h3);        // decode error was logged too
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_IRQ_MASK), 32'h0);
  endtask

  task automatic test_timer_gpio;
    logic [31:0] rdata;
    $display("[%0t] --- timer, GPIO, interrupts, trace", $time);

    // Timer: prescale 1 (count every 2 clocks), CMP0 = 10, auto reload, irq.
    apb_write(TIMER_BASE + 32'h04, 32'd1);
    apb_write(TIMER_BASE + 32'h10, 32'd10);
    apb_write(TIMER_BASE + 32'h00, 32'h7);
    apb_poll("timer channel 0 match", TIMER_BASE + 32'h0C, 32'h1, 32'h1, 50);
    apb_read_check("timer irq line in IRQ_STATUS", reg_addr(SYSCTL_BASE, SYS_REG_IRQ_STATUS) ,
                   32'(1) << IRQ_TIMER);
    apb_write(TIMER_BASE + 32'h00, 32'h0);                      // stop
    apb_write(TIMER_BASE + 32'h0C, 32'h3);                      // clear flags
    apb_read_check("timer flags cleared", TIMER_BASE + 32'h0C, 32'h0);
    apb_read(TIMER_BASE + 32'h08, rdata);
    check_true("timer count wrapped at CMP0", rdata <= 32'd10);

    // GPIO outputs and direction.
    apb_write(GPIO_BASE + 32'h08, 32'hF0);                      // DIR
    apb_write(GPIO_BASE + 32'h04, 32'hA5);                      // DATA_OUT
    settle();
    check("gpio_oe", 32'(gpio_oe), 32'hF0);
    check("gpio_out", 32'(gpio_out), 32'hA5);
    // Inputs through the synchronizer, rising-edge interrupt on pin 0.
    apb_write(GPIO_BASE + 32'h0C, 32'h01);                      // IRQ_EN pin 0
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_IRQ_MASK), 32'(1) << IRQ_GPIO);
    gpio_in = 8'h04;
    wait_clks(4);
    apb_read_check("GPIO DATA_IN", GPIO_BASE + 32'h00, 32'h04);
    apb_read_check("GPIO edge flag of pin 2 (not enabled)", GPIO_BASE + 32'h14, 32'h04);
    apb_write(GPIO_BASE + 32'h14, 32'hFF);                      // clear all flags
    check("irq_o low before edge", 32'(irq), 32'h0);
    gpio_in = 8'h05;
    wait_clks(4);
    apb_read_check("GPIO IRQ_STATUS pin 0", GPIO_BASE + 32'h14, 32'h01);
    check("irq_o from GPIO", 32'(irq), 32'h1);
    apb_write(GPIO_BASE + 32'h14, 32'h01);
    settle();
    check("irq_o after GPIO clear", 32'(irq), 32'h0);
    apb_write(reg_addr(SYSCTL_BASE, SYS_REG_IRQ_MASK), 32'h0);

    // Trace port: the timer, DMA and GPIO interrupts must have been recorded.
    wait_clks(20);
    check_true("trace words received", trace_words > 0);
    check_true("trace saw the timer interrupt", trace_seen[IRQ_TIMER]);
    check_true("trace saw the GPIO interrupt",  trace_seen[IRQ_GPIO]);
    check_true("trace saw the DMA interrupt",   trace_seen[IRQ_DMA]);
    check("no trace words dropped", 32'(dut.g_trace.trace_dropped), 32'h0);
  endtask

  // ---------------------------------------------------------------------------
  // Main sequence
  // ---------------------------------------------------------------------------
  initial begin : p_main
    if ($test$plusargs("vcd")) begin
      $dumpfile("tb_soc.vcd");
      $dumpvars(0, tb_soc);
    end

    rst_n        = 1'b0;
    trace_rst_n  = 1'b0;
    host_paddr   = '0;
    host_psel    = 1'b0;
    host_penable = 1'b0;
    host_pwrite  = 1'b0;
    host_pwdata  = '0;
    host_pstrb   = '0;
    rx_override  = 1'b0;
    rx_force_bit = 1'b1;
    gpio_in      = '0;
    ff_push      = 1'b0;
    ff_pop       = 1'b0;
    ff_wdata     = '0;

    wait_clks(5);
    rst_n       = 1'b0;
    @(negedge clk);
    rst_n       = 1'b1;
    trace_rst_n = 1'b1;
    wait_clks(5);

    test_fifo();
    test_sysctrl_and_bus();
    test_uart();
    test_dma();
    test_timer_gpio();

    wait_clks(10);
    $display("[%0t] %0d checks, %0d errors", $time, checks, errors);
    if (errors == 0) $display("TEST PASSED");
    else             $display("TEST FAILED (%0d errors)", errors);
    $finish;
  end

  // Watchdog: a hung bus or a missing PREADY must not hang the simulation.
  initial begin : p_watchdog
    #(2_000_000);
    $display("TEST FAILED (watchdog timeout)");
    $fatal(1, "tb_soc: simulation did not finish in time");
  end

endmodule : tb_soc
