// =============================================================================
// sys_ctrl - system control block: identification, scratch register and the
//            interrupt controller that merges all peripheral interrupts into
//            the single irq_o pin of the SoC
//
// Register map (word offsets, see soc_pkg::SYS_REG_*)
//   0x00 ID           read only, soc_pkg::SOC_ID ("SOC1")
//   0x04 VERSION      read only, `SOC_VERSION
//   0x08 SCRATCH      read/write, no function (bus test register)
//   0x0C IRQ_STATUS   read only, raw level of every interrupt line
//   0x10 IRQ_MASK     read/write, 1 enables the line towards irq_o
//   0x14 IRQ_PENDING  read only, IRQ_STATUS & IRQ_MASK
//   0x18 BUS_ERR      [0] APB protocol violation seen (write 1 to clear)
//                     [1] access to an unmapped address (write 1 to clear)
// =============================================================================
`include "defines.svh"

module sys_ctrl #(
  parameter int NUM_IRQS = soc_pkg::NUM_IRQS
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,

  // APB slave port
  input  logic [`PERIPH_OFFSET_W-1:0] paddr_i,
  input  logic                  psel_i,
  input  logic                  penable_i,
  input  logic                  pwrite_i,
  input  logic [31:0]           pwdata_i,
  input  logic [3:0]            pstrb_i,
  output logic [31:0]           prdata_o,
  output logic                  pready_o,
  output logic                  pslverr_o,

  input  logic [NUM_IRQS-1:0]   irq_lines_i,        // level interrupts from the peripherals
  input  logic                  protocol_err_i,     // sticky flag from apb_protocol_checker
  input  logic                  decode_err_i,       // pulse from apb_decoder
  output logic                  protocol_clear_o,   // clears the checker's flag
  output logic                  irq_o               // combined interrupt to the host
);

  logic [31:0]         scratch_q;      // SCRATCH register
  logic [NUM_IRQS-1:0] irq_mask_q;     // IRQ_MASK register
  logic                decode_err_q;   // BUS_ERR[1], sticky
  logic [NUM_IRQS-1:0] irq_pending;    // enabled and active lines

  logic [9:0] reg_idx;
  logic       wr_access;

  assign reg_idx     = soc_pkg::reg_index(paddr_i);
  assign wr_access   = `APB_WRITE_ACCESS(psel_i, penable_i, pwrite_i);
  assign irq_pending = irq_lines_i & irq_mask_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin : p_regs
    if (!rst_ni) begin
      scratch_q    <= '0;
      irq_mask_q   <= '0;
      decode_err_q <= 1'b0;
    end else begin
      if (decode_err_i) decode_err_q <= 1'b1;
      if (wr_access) begin
        case (reg_idx)
          soc_pkg::SYS_REG_SCRATCH:  scratch_q  <= soc_pkg::apply_strobe(scratch_q, pwdata_i, pstrb_i);
          soc_pkg::SYS_REG_IRQ_MASK: if (pstrb_i[0]) irq_mask_q <= pwdata_i[NUM_IRQS-1:0];
          soc_pkg::SYS_REG_BUS_ERR:  if (pstrb_i[0] && pwdata_i[1]) decode_err_q <= 1'b0;
          default: ;
        endcase
      end
    end
  end

  assign protocol_clear_o = wr_access && pstrb_i[0] && pwdata_i[0] &&
                            (reg_idx == soc_pkg::SYS_REG_BUS_ERR);

  always_comb begin : p_read_mux
    unique case (reg_idx)
      soc_pkg::SYS_REG_ID:          prdata_o = soc_pkg::SOC_ID;
      soc_pkg::SYS_REG_VERSION:     prdata_o = `SOC_VERSION;
      soc_pkg::SYS_REG_SCRATCH:     prdata_o = scratch_q;
      soc_pkg::SYS_REG_IRQ_STATUS:  prdata_o = 32'(irq_lines_i);
      soc_pkg::SYS_REG_IRQ_MASK:    prdata_o = 32'(irq_mask_q);
      soc_pkg::SYS_REG_IRQ_PENDING: prdata_o = 32'(irq_pending);
      soc_pkg::SYS_REG_BUS_ERR:     prdata_o = {30'b0, decode_err_q, protocol_err_i};
      default:                      prdata_o = 32'h0;
    endcase
  end

  assign pready_o  = 1'b1;
  assign pslverr_o = 1'b0;
  assign irq_o     = |irq_pending;

endmodule : sys_ctrl
