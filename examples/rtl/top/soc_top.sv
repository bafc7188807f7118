// =============================================================================
// soc_top - mini_soc top level
//
//   host APB port ----\                               /--> sram_apb   (SRAM)
//                      >-- apb_arbiter -- apb_decoder ---> uart_apb   (UART)
//   dma_engine (master)/     (shared bus)             |--> timer      (TIMER)
//                                                     |--> gpio       (GPIO)
//                                                     |--> dma_engine (DMA cfg)
//                                                     \--> sys_ctrl   (SYS_CTRL)
//
//   Interrupts from UART, timer, GPIO and DMA are merged in sys_ctrl into
//   irq_o and are also recorded by the optional irq_trace port, which runs
//   on its own clock (trace_clk_i) behind an async FIFO.
//
// The external host (a debug probe or, in simulation, the testbench) is APB
// master 0; the DMA engine is master 1. See README.md for the address map.
// =============================================================================
`include "defines.svh"

module soc_top #(
  parameter int SRAM_WORDS = 256,     // on-chip RAM size in words
  parameter bit          HAS_TRACE  = 1'b1,    // build the irq trace port
  parameter int GPIO_WIDTH = 8
) (
  input  logic                  clk_i,          // system clock
  input  logic                  rst_ni,         // board reset, asynchronous, active low
  input  logic                  test_mode_i,    // scan test: bypass reset sync and clock gates

  // host APB slave port (the SoC is the slave, the host the master)
  input  logic [31:0]           host_paddr_i,
  input  logic                  host_psel_i,
  input  logic                  host_penable_i,
  input  logic                  host_pwrite_i,
  input  logic [31:0]           host_pwdata_i,
  input  logic [3:0]            host_pstrb_i,
  output logic [31:0]           host_prdata_o,
  output logic                  host_pready_o,
  output logic                  host_pslverr_o,

  // UART pads
  input  logic                  uart_rx_i,
  output logic                  uart_tx_o,

  // GPIO pads
  input  logic [GPIO_WIDTH-1:0] gpio_i,
  output logic [GPIO_WIDTH-1:0] gpio_o,
  output logic [GPIO_WIDTH-1:0] gpio_oe_o,

  // interrupt to the host
  output logic                  irq_o,

  // irq trace port (trace clock domain)
  input  logic                  trace_clk_i,
  input  logic                  trace_rst_ni,
  output logic                  trace_valid_o,
  input  logic                  trace_ready_i,
  output logic [15:0]           trace_data_o
);

  localparam int NSLV        = soc_pkg::NUM_SLAVES;
  localparam int SRAM_ADDR_W = $clog2(SRAM_WORDS) + 2;

  // ---------------------------------------------------------------------------
  // Resets
  // ---------------------------------------------------------------------------
  logic rst_n;          // system reset, de-asserted synchronously to clk_i
  logic trace_rst_n;    // trace-domain reset, synchronous to trace_clk_i

  rst_sync u_rst_sync (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .test_mode_i (test_mode_i),
    .rst_no      (rst_n)
  );

  rst_sync u_trace_rst_sync (
    .clk_i       (trace_clk_i),
    .rst_ni      (trace_rst_ni),
    .test_mode_i (test_mode_i),
    .rst_no      (trace_rst_n)
  );

  // ---------------------------------------------------------------------------
  // APB segments
  // ---------------------------------------------------------------------------
  localparam int AW = soc_pkg::APB_ADDR_W;
  localparam int DW = soc_pkg::APB_DATA_W;

  apb_if #(.ADDR_W(AW), .DATA_W(DW)) apb_host   (.pclk(clk_i), .presetn(rst_n));  // external host -> arbiter
  apb_if #(.ADDR_W(AW), .DATA_W(DW)) apb_dma    (.pclk(clk_i), .presetn(rst_n));  // DMA master    -> arbiter
  apb_if #(.ADDR_W(AW), .DATA_W(DW)) apb_shared (.pclk(clk_i), .presetn(rst_n));  // arbiter       -> decoder / slaves

  assign apb_host.paddr   = host_paddr_i;
  assign apb_host.psel    = host_psel_i;
  assign apb_host.penable = host_penable_i;
  assign apb_host.pwrite  = host_pwrite_i;
  assign apb_host.pwdata  = host_pwdata_i;
  assign apb_host.pstrb   = host_pstrb_i;
  assign host_prdata_o    = apb_host.prdata;
  assign host_pready_o    = apb_host.pready;
  assign host_pslverr_o   = apb_host.pslverr;

  // Full-width copy of the shared-bus address. The slaves decode only the low
  // bits, and slicing this local net (rather than apb_shared.paddr directly)
  // keeps the yosys 0.23 front end happy.
  logic [31:0] shared_paddr;
  assign shared_paddr = apb_shared.paddr;

  // Per-slave select and response vectors, slave index from soc_pkg::SLV_*.
  logic [NSLV-1:0]    slv_psel;
  logic [NSLV*32-1:0] slv_prdata;
  logic [NSLV-1:0]    slv_pready;
  logic [NSLV-1:0]    slv_pslverr;

  logic [1:0]  arb_grant;       // bus owner (debug visibility)
  logic [31:0] arb_prdata;      // read data returned to both masters
  logic        decode_err;      // pulse: access to an unmapped address

  // ---------------------------------------------------------------------------
  // Interconnect: 2 masters -> arbiter -> decoder -> 6 slaves
  // ---------------------------------------------------------------------------
  apb_arbiter #(.NUM_MASTERS(2)) u_apb_arbiter (
    .clk_i       (clk_i),
    .rst_ni      (rst_n),
    .m_paddr_i   ({apb_dma.paddr,   apb_host.paddr}),
    .m_psel_i    ({apb_dma.psel,    apb_host.psel}),
    .m_penable_i ({apb_dma.penable, apb_host.penable}),
    .m_pwrite_i  ({apb_dma.pwrite,  apb_host.pwrite}),
    .m_pwdata_i  ({apb_dma.pwdata,  apb_host.pwdata}),
    .m_pstrb_i   ({apb_dma.pstrb,   apb_host.pstrb}),
    .m_prdata_o  (arb_prdata),
    .m_pready_o  ({apb_dma.pready,  apb_host.pready}),
    .m_pslverr_o ({apb_dma.pslverr, apb_host.pslverr}),
    .s_paddr_o   (apb_shared.paddr),
    .s_psel_o    (apb_shared.psel),
    .s_penable_o (apb_shared.penable),
    .s_pwrite_o  (apb_shared.pwrite),
    .s_pwdata_o  (apb_shared.pwdata),
    .s_pstrb_o   (apb_shared.pstrb),
    .s_prdata_i  (apb_shared.prdata),
    .s_pready_i  (apb_shared.pready),
    .s_pslverr_i (apb_shared.pslverr),
    .grant_o     (arb_grant)
  );

  assign apb_host.prdata = arb_prdata;
  assign apb_dma.prdata  = arb_prdata;

  apb_decoder #(
    .NUM_SLAVES (NSLV),
    .BASES      (soc_pkg::SLAVE_BASES),
    .MASKS      (soc_pkg::SLAVE_MASKS)
  ) u_apb_decoder (
    .paddr_i      (apb_shared.paddr),
    .psel_i       (apb_shared.psel),
    .prdata_o     (apb_shared.prdata),
    .pready_o     (apb_shared.pready),
    .pslverr_o    (apb_shared.pslverr),
    .psel_o       (slv_psel),
    .s_prdata_i   (slv_prdata),
    .s_pready_i   (slv_pready),
    .s_pslverr_i  (slv_pslverr),
    .decode_err_o (decode_err)
  );

  // ---------------------------------------------------------------------------
  // Bus protocol checker (not in Icarus builds: it uses an interface port)
  // ---------------------------------------------------------------------------
  logic protocol_err;      // sticky protocol violation on the shared bus
  logic protocol_clear;    // software clear from SYS_CTRL.BUS_ERR

`ifndef __ICARUS__
  apb_protocol_checker u_apb_checker (
    .bus            (apb_shared),
    .clear_i        (protocol_clear),
    .protocol_err_o (protocol_err)
  );
`else
  assign protocol_err = 1'b0;
`endif

  // ---------------------------------------------------------------------------
  // Slave 0: SRAM
  // ---------------------------------------------------------------------------
  sram_apb #(.WORDS(SRAM_WORDS)) u_sram (
    .clk_i     (clk_i),
    .rst_ni    (rst_n),
    .paddr_i   (shared_paddr[SRAM_ADDR_W-1:0]),
    .psel_i    (slv_psel[soc_pkg::SLV_SRAM]),
    .penable_i (apb_shared.penable),
    .pwrite_i  (apb_shared.pwrite),
    .pwdata_i  (apb_shared.pwdata),
    .pstrb_i   (apb_shared.pstrb),
    .prdata_o  (slv_prdata[soc_pkg::SLV_SRAM*32 +: 32]),
    .pready_o  (slv_pready[soc_pkg::SLV_SRAM]),
    .pslverr_o (slv_pslverr[soc_pkg::SLV_SRAM])
  );

  // ---------------------------------------------------------------------------
  // Slave 1: UART
  // ---------------------------------------------------------------------------
  logic uart_irq_rx;   // UART RX data available
  logic uart_irq_tx;   // UART TX FIFO drained

  uart_apb #(.FIFO_DEPTH(soc_pkg::UART_FIFO_DEPTH)) u_uart (
    .clk_i     (clk_i),
    .rst_ni    (rst_n),
    .test_en_i (test_mode_i),
    .paddr_i   (shared_paddr[`PERIPH_OFFSET_W-1:0]),
    .psel_i    (slv_psel[soc_pkg::SLV_UART]),
    .penable_i (apb_shared.penable),
    .pwrite_i  (apb_shared.pwrite),
    .pwdata_i  (apb_shared.pwdata),
    .pstrb_i   (apb_shared.pstrb),
    .prdata_o  (slv_prdata[soc_pkg::SLV_UART*32 +: 32]),
    .pready_o  (slv_pready[soc_pkg::SLV_UART]),
    .pslverr_o (slv_pslverr[soc_pkg::SLV_UART]),
    .rxd_i     (uart_rx_i),
    .txd_o     (uart_tx_o),
    .irq_rx_o  (uart_irq_rx),
    .irq_tx_o  (uart_irq_tx)
  );

  // ---------------------------------------------------------------------------
  // Slave 2: timer (Verilog-2005 IP, APB3: no PSTRB)
  // ---------------------------------------------------------------------------
  logic timer_irq;     // timer compare match

  timer #(
    .PRESCALE_W (16),
    .NUM_CMP    (2)
  ) u_timer (
    .clk     (clk_i),
    .rst_n   (rst_n),
    .paddr   (shared_paddr[`PERIPH_OFFSET_W-1:0]),
    .psel    (slv_psel[soc_pkg::SLV_TIMER]),
    .penable (apb_shared.penable),
    .pwrite  (apb_shared.pwrite),
    .pwdata  (apb_shared.pwdata),
    .prdata  (slv_prdata[soc_pkg::SLV_TIMER*32 +: 32]),
    .pready  (slv_pready[soc_pkg::SLV_TIMER]),
    .pslverr (slv_pslverr[soc_pkg::SLV_TIMER]),
    .irq     (timer_irq)
  );

  // ---------------------------------------------------------------------------
  // Slave 3: GPIO (Verilog-2005 IP, APB3: no PSTRB)
  // ---------------------------------------------------------------------------
  logic gpio_irq;      // GPIO edge detected

  gpio #(.WIDTH(GPIO_WIDTH)) u_gpio (
    .clk      (clk_i),
    .rst_n    (rst_n),
    .paddr    (shared_paddr[`PERIPH_OFFSET_W-1:0]),
    .psel     (slv_psel[soc_pkg::SLV_GPIO]),
    .penable  (apb_shared.penable),
    .pwrite   (apb_shared.pwrite),
    .pwdata   (apb_shared.pwdata),
    .prdata   (slv_prdata[soc_pkg::SLV_GPIO*32 +: 32]),
    .pready   (slv_pready[soc_pkg::SLV_GPIO]),
    .pslverr  (slv_pslverr[soc_pkg::SLV_GPIO]),
    .gpio_in  (gpio_i),
    .gpio_out (gpio_o),
    .gpio_oe  (gpio_oe_o),
    .irq      (gpio_irq)
  );

  // ---------------------------------------------------------------------------
  // Slave 4 + master 1: DMA engine
  // ---------------------------------------------------------------------------
  logic dma_irq;       // DMA chain done / error
  logic dma_busy;      // DMA engine working (debug visibility)

  dma_engine u_dma (
    .clk_i         (clk_i),
    .rst_ni        (rst_n),
    .cfg_paddr_i   (shared_paddr[`PERIPH_OFFSET_W-1:0]),
    .cfg_psel_i    (slv_psel[soc_pkg::SLV_DMA]),
    .cfg_penable_i (apb_shared.penable),
    .cfg_pwrite_i  (apb_shared.pwrite),
    .cfg_pwdata_i  (apb_shared.pwdata),
    .cfg_pstrb_i   (apb_shared.pstrb),
    .cfg_prdata_o  (slv_prdata[soc_pkg::SLV_DMA*32 +: 32]),
    .cfg_pready_o  (slv_pready[soc_pkg::SLV_DMA]),
    .cfg_pslverr_o (slv_pslverr[soc_pkg::SLV_DMA]),
    .m_paddr_o     (apb_dma.paddr),
    .m_psel_o      (apb_dma.psel),
    .m_penable_o   (apb_dma.penable),
    .m_pwrite_o    (apb_dma.pwrite),
    .m_pwdata_o    (apb_dma.pwdata),
    .m_pstrb_o     (apb_dma.pstrb),
    .m_prdata_i    (apb_dma.prdata),
    .m_pready_i    (apb_dma.pready),
    .m_pslverr_i   (apb_dma.pslverr),
    .irq_o         (dma_irq),
    .busy_o        (dma_busy)
  );

  // ---------------------------------------------------------------------------
  // Slave 5: system control and interrupt controller
  // ---------------------------------------------------------------------------
  logic [soc_pkg::NUM_IRQS-1:0] irq_lines;   // all interrupt sources, see soc_pkg::IRQ_*

  assign irq_lines[soc_pkg::IRQ_UART_RX] = uart_irq_rx;
  assign irq_lines[soc_pkg::IRQ_UART_TX] = uart_irq_tx;
  assign irq_lines[soc_pkg::IRQ_TIMER]   = timer_irq;
  assign irq_lines[soc_pkg::IRQ_GPIO]    = gpio_irq;
  assign irq_lines[soc_pkg::IRQ_DMA]     = dma_irq;

  sys_ctrl #(.NUM_IRQS(soc_pkg::NUM_IRQS)) u_sys_ctrl (
    .clk_i            (clk_i),
    .rst_ni           (rst_n),
    .paddr_i          (shared_paddr[`PERIPH_OFFSET_W-1:0]),
    .psel_i           (slv_psel[soc_pkg::SLV_SYSCTL]),
    .penable_i        (apb_shared.penable),
    .pwrite_i         (apb_shared.pwrite),
    .pwdata_i         (apb_shared.pwdata),
    .pstrb_i          (apb_shared.pstrb),
    .prdata_o         (slv_prdata[soc_pkg::SLV_SYSCTL*32 +: 32]),
    .pready_o         (slv_pready[soc_pkg::SLV_SYSCTL]),
    .pslverr_o        (slv_pslverr[soc_pkg::SLV_SYSCTL]),
    .irq_lines_i      (irq_lines),
    .protocol_err_i   (protocol_err),
    .decode_err_i     (decode_err),
    .protocol_clear_o (protocol_clear),
    .irq_o            (irq_o)
  );

  // ---------------------------------------------------------------------------
  // Optional interrupt trace port
  // ---------------------------------------------------------------------------
  generate
    if (HAS_TRACE) begin : g_trace
      logic [7:0] trace_dropped;   // words lost because the trace FIFO was full
      logic       unused_trace_ok;

      irq_trace #(
        .NUM_IRQS   (soc_pkg::NUM_IRQS),
        .FIFO_DEPTH (8)
      ) u_irq_trace (
        .clk_i         (clk_i),
        .rst_ni        (rst_n),
        .irq_i         (irq_lines),
        .dropped_o     (trace_dropped),
        .trace_clk_i   (trace_clk_i),
        .trace_rst_ni  (trace_rst_n),
        .trace_valid_o (trace_valid_o),
        .trace_ready_i (trace_ready_i),
        .trace_data_o  (trace_data_o)
      );
      // The drop counter is only meant for probing in simulation / on chip.
      assign unused_trace_ok = ^trace_dropped;
    end else begin : g_no_trace
      assign trace_valid_o = 1'b0;
      assign trace_data_o  = '0;
    end
  endgenerate

  // Debug-only signals without a functional load.
  logic unused_ok;
  assign unused_ok = ^{arb_grant, dma_busy, shared_paddr[31:`PERIPH_OFFSET_W]};

`ifdef SIMULATION
  // Debug aid: report DMA activity on the console with +soc_verbose.
  always @(posedge clk_i) begin : p_dma_monitor
    if (arb_grant[1] && apb_shared.penable && apb_shared.pready) begin
      `SOC_TRACE(("%t soc_top: DMA %s 0x%08h", $time, apb_shared.pwrite ? "write" : "read ", apb_shared.paddr))
    end
  end
`endif

endmodule : soc_top
