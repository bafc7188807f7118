// =============================================================================
// defines.svh - project-wide macros for the mini_soc example design
//
// Included by most RTL files (and the testbench) with `include "defines.svh".
// The include directory is passed with +incdir+rtl/include (see files.f).
//
// Keep everything in here plain text macros: no module items, no typedefs.
// Types and constants belong in soc_pkg.
// =============================================================================

// Time unit for every file that includes this header (all RTL files do), so
// that $time in simulation messages is in ns. Kept outside the include guard
// on purpose: each including file gets the directive.
`timescale 1ns / 1ps

`ifndef SOC_DEFINES_SVH
`define SOC_DEFINES_SVH

// Hardware version reported by the SYS_CTRL VERSION register.
// Format: 16-bit major, 16-bit minor.
`define SOC_VERSION 32'h0001_0002

// Byte offset of the idx-th 32-bit register in a peripheral register block.
// Register maps in this design are word aligned, so register n sits at 4*n.
`define REG_OFFSET(idx) ((idx) * 4)

// Width of the register-offset field decoded by the peripherals. Every
// peripheral owns a 4 KiB window, of which only the low bits are decoded.
`define PERIPH_OFFSET_W 12

// True during the access phase of an APB write / read (the cycle in which the
// slave is allowed to commit the transfer, provided it drives PREADY high).
`define APB_WRITE_ACCESS(psel, penable, pwrite) ((psel) && (penable) && (pwrite))
`define APB_READ_ACCESS(psel, penable, pwrite)  ((psel) && (penable) && !(pwrite))

// Flip-flop with asynchronous, active-low reset.
//   `FF_ARN(q, d, reset_value, clk, rst_n)
// Expands to a complete always_ff block, so use it at module level only.
`define FF_ARN(q, d, rv, clk, rst_n)          \
  always_ff @(posedge clk or negedge rst_n) begin \
    if (!rst_n) q <= rv;                     \
    else        q <= d;                      \
  end

`ifdef SIMULATION
  // Simulation-only immediate assertion. msg is a parenthesised $error
  // argument list, e.g. `SOC_ASSERT(!full, ("push while full"))
  `define SOC_ASSERT(cond, msg) assert (cond) else $error msg;
  // Simulation-only trace message, silent unless +soc_verbose is given.
  `define SOC_TRACE(msg) if ($test$plusargs("soc_verbose")) $display msg;
`else
  // Synthesis / lint builds: assertions and traces compile to nothing.
  `define SOC_ASSERT(cond, msg)
  `define SOC_TRACE(msg)
`endif

`endif // SOC_DEFINES_SVH
