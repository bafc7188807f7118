// mini_soc RTL file list, in compile order.
// Paths are relative to the examples/ directory; run the tools from there.
// Used by: verilator -f files.f, iverilog -f files.f (see README.md).
+incdir+rtl/include

// packages and interfaces
rtl/pkg/soc_pkg.sv
rtl/intf/apb_if.sv
rtl/intf/stream_if.sv

// common building blocks
rtl/common/sync_2ff.sv
rtl/common/rst_sync.sv
rtl/common/clk_gate.sv
rtl/common/sync_fifo.sv
rtl/common/async_fifo.sv

// bus fabric and memory
rtl/bus/apb_arbiter.sv
rtl/bus/apb_decoder.sv
rtl/bus/apb_protocol_checker.sv
rtl/bus/sram_apb.sv

// UART
rtl/uart/uart_baud_gen.sv
rtl/uart/uart_tx.sv
rtl/uart/uart_rx.sv
rtl/uart/uart_apb.sv

// DMA
rtl/dma/dma_engine.sv

// peripherals (timer and gpio are Verilog-2005)
rtl/periph/timer.v
rtl/periph/gpio.v
rtl/periph/sys_ctrl.sv
rtl/periph/irq_trace.sv

// top level
rtl/top/soc_top.sv
