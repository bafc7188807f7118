// =============================================================================
// dma_engine - descriptor based DMA engine with APB master and slave ports
//
// Software writes the address of the first descriptor to DESC_PTR and sets
// CTRL.start. The engine then walks a linked list of descriptors in memory
// (layout: soc_pkg::dma_desc_t, 4 words each):
//
//   IDLE --start--> FETCH (4 reads) --> READ <--> WRITE (length times)
//                     ^                              |
//                     +------- NEXT <----------------+
//                                |
//                      ctrl.last -> IDLE (STATUS.done)
//
// Any PSLVERR on the master port stops the chain in ERROR (STATUS.error).
// Byte units read the containing word and write the byte with a single PSTRB
// lane; the byte is replicated on all lanes so that byte-wide peripheral
// registers (e.g. UART DATA at offset 0) see it on PWDATA[7:0].
//
// Register map (word offsets, see soc_pkg::DMA_REG_*)
//   0x00 CTRL      W: [0] start (self clearing) [1] abort   R/W: [2] irq_en
//   0x04 STATUS    [0] busy [1] done* [2] error* [3] desc_irq* [6:4] state
//                  (* sticky, write 1 to clear)
//   0x08 DESC_PTR  address of the first descriptor (word aligned)
//   0x0C CUR_DESC  address of the descriptor in progress (read only)
//   0x10 XFER_CNT  units moved since the last start (read only)
// =============================================================================
`include "defines.svh"

module dma_engine (
  input  logic        clk_i,
  input  logic        rst_ni,

  // APB slave: configuration registers
  input  logic [`PERIPH_OFFSET_W-1:0] cfg_paddr_i,
  input  logic        cfg_psel_i,
  input  logic        cfg_penable_i,
  input  logic        cfg_pwrite_i,
  input  logic [31:0] cfg_pwdata_i,
  input  logic [3:0]  cfg_pstrb_i,
  output logic [31:0] cfg_prdata_o,
  output logic        cfg_pready_o,
  output logic        cfg_pslverr_o,

  // APB master: descriptor fetch and data movement
  output logic [31:0] m_paddr_o,
  output logic        m_psel_o,
  output logic        m_penable_o,
  output logic        m_pwrite_o,
  output logic [31:0] m_pwdata_o,
  output logic [3:0]  m_pstrb_o,
  input  logic [31:0] m_prdata_i,
  input  logic        m_pready_i,
  input  logic        m_pslverr_i,

  output logic        irq_o,      // level interrupt (see STATUS / CTRL.irq_en)
  output logic        busy_o      // a descriptor chain is being processed
);

  typedef soc_pkg::dma_state_e dma_state_e;

  // ---------------------------------------------------------------------------
  // Descriptor register.
  // Icarus 11 cannot elaborate a declaration with a package-scoped struct
  // type, and the yosys 0.23 front end cannot parse `import`; both spellings
  // below declare the same soc_pkg::dma_desc_t register.
  // ---------------------------------------------------------------------------
`ifdef YOSYS
  soc_pkg::dma_desc_t desc_q;       // descriptor being executed
`else
  import soc_pkg::dma_desc_t;
  dma_desc_t          desc_q;       // descriptor being executed
`endif

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  dma_state_e  state_q;
  logic        access_q;       // APB master is in the access phase
  logic [1:0]  word_cnt_q;     // descriptor word being fetched
  logic [31:0] cur_desc_q;     // address of the current descriptor
  logic [31:0] src_q;          // next source address
  logic [31:0] dst_q;          // next destination address
  logic [15:0] remaining_q;    // units left in the current descriptor
  logic [31:0] data_q;         // unit read from the source, to be written
  logic [31:0] xfer_cnt_q;     // units moved since start (XFER_CNT)

  // configuration / status registers
  logic        irq_en_q;       // CTRL[2]
  logic [31:0] desc_ptr_q;     // DESC_PTR
  logic        done_q;         // STATUS[1] chain finished
  logic        error_q;        // STATUS[2] chain stopped on a bus error
  logic        desc_irq_q;     // STATUS[3] a descriptor with ctrl.irq_en finished
  logic        abort_q;        // abort requested, honoured between transfers

  // ---------------------------------------------------------------------------
  // Configuration port decode
  // ---------------------------------------------------------------------------
  logic [9:0] reg_idx;
  logic       cfg_write;
  logic       start_pulse;     // CTRL.start written with 1
  logic       abort_pulse;     // CTRL.abort written with 1

  assign reg_idx     = soc_pkg::reg_index(cfg_paddr_i);
  assign cfg_write   = `APB_WRITE_ACCESS(cfg_psel_i, cfg_penable_i, cfg_pwrite_i) && cfg_pstrb_i[0];
  assign start_pulse = cfg_write && (reg_idx == soc_pkg::DMA_REG_CTRL) && cfg_pwdata_i[0];
  assign abort_pulse = cfg_write && (reg_idx == soc_pkg::DMA_REG_CTRL) && cfg_pwdata_i[1];

  // ---------------------------------------------------------------------------
  // APB master request for the current state
  // ---------------------------------------------------------------------------
  logic bus_active;    // FSM state issues a bus transfer
  logic bus_done;      // the access phase completes this cycle
  logic unit_is_word;  // current descriptor moves 32-bit units

  assign unit_is_word = desc_q.ctrl.size_word;
  assign bus_active   = (state_q == soc_pkg::DMA_FETCH) ||
                        (state_q == soc_pkg::DMA_READ)  ||
                        (state_q == soc_pkg::DMA_WRITE);
  assign bus_done     = bus_active && access_q && m_pready_i;

  // Word addresses of the current source / destination unit and the byte
  // lane strobe for byte-unit writes.
  logic [31:0] fetch_addr;
  logic [31:0] src_word_addr;
  logic [31:0] dst_word_addr;
  logic [3:0]  write_strb;

  assign fetch_addr    = cur_desc_q + {28'b0, word_cnt_q, 2'b00};
  assign src_word_addr = {src_q[31:2], 2'b00};
  assign dst_word_addr = {dst_q[31:2], 2'b00};
  assign write_strb    = unit_is_word ? 4'b1111 : soc_pkg::byte_strobe(dst_q[1:0]);

  // Drive the APB request lines for one transfer (addr must be word aligned).
  task automatic drive_bus(input logic [31:0] addr,
                           input logic        write,
                           input logic [31:0] wdata,
                           input logic [3:0]  strb);
    m_paddr_o  = addr;
    m_pwrite_o = write;
    m_pwdata_o = wdata;
    m_pstrb_o  = write ? strb : 4'b0000;
  endtask

  always_comb begin : p_bus_request
    m_psel_o    = bus_active;
    m_penable_o = bus_active && access_q;
    drive_bus(32'h0, 1'b0, 32'h0, 4'b0000);
    case (state_q)
      soc_pkg::DMA_FETCH: drive_bus(fetch_addr,    1'b0, 32'h0,  4'b0000);
      soc_pkg::DMA_READ:  drive_bus(src_word_addr, 1'b0, 32'h0,  4'b0000);
      soc_pkg::DMA_WRITE: drive_bus(dst_word_addr, 1'b1, data_q, write_strb);
      default: ;
    endcase
  end

  // Address step after each unit.
  logic [31:0] step;
  assign step = unit_is_word ? 32'd4 : 32'd1;

  // ---------------------------------------------------------------------------
  // Descriptor / transfer state machine
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_dma_fsm
    if (!rst_ni) begin
      state_q     <= soc_pkg::DMA_IDLE;
      access_q    <= 1'b0;
      word_cnt_q  <= '0;
      cur_desc_q  <= '0;
      src_q       <= '0;
      dst_q       <= '0;
      remaining_q <= '0;
      data_q      <= '0;
      xfer_cnt_q  <= '0;
      desc_q      <= '0;
      done_q      <= 1'b0;
      error_q     <= 1'b0;
      desc_irq_q  <= 1'b0;
      abort_q     <= 1'b0;
    end else begin
      // APB master phase: setup for one cycle, then access until PREADY.
      if (bus_active && !access_q) access_q <= 1'b1;
      if (bus_done)                access_q <= 1'b0;

      if (abort_pulse && state_q != soc_pkg::DMA_IDLE) abort_q <= 1'b1;

      // Sticky status bits: write 1 to clear.
      if (cfg_write && reg_idx == soc_pkg::DMA_REG_STATUS) begin
        if (cfg_pwdata_i[1]) done_q     <= 1'b0;
        if (cfg_pwdata_i[2]) error_q    <= 1'b0;
        if (cfg_pwdata_i[3]) desc_irq_q <= 1'b0;
      end

      case (state_q)
        soc_pkg::DMA_IDLE: begin
          if (start_pulse) begin
            cur_desc_q <= desc_ptr_q;
            word_cnt_q <= '0;
            xfer_cnt_q <= '0;
            done_q     <= 1'b0;
            error_q    <= 1'b0;
            abort_q    <= 1'b0;
            state_q    <= soc_pkg::DMA_FETCH;
          end
        end

        soc_pkg::DMA_FETCH: begin
          if (bus_done) begin
            case (word_cnt_q)
              2'd0: desc_q.src_addr <= m_prdata_i;
              2'd1: desc_q.dst_addr <= m_prdata_i;
              2'd2: begin
                desc_q.length <= m_prdata_i[15:0];
                desc_q.ctrl   <= m_prdata_i[31:16];
              end
              default: desc_q.next_ptr <= m_prdata_i;
            endcase
            word_cnt_q <= word_cnt_q + 1'b1;
            if (m_pslverr_i) begin
              state_q <= soc_pkg::DMA_ERROR;
            end else if (word_cnt_q == 2'(soc_pkg::DMA_DESC_WORDS - 1)) begin
              // Last word arrived: the transfer fields are complete.
              src_q       <= desc_q.src_addr;
              dst_q       <= desc_q.dst_addr;
              remaining_q <= desc_q.length;
              state_q     <= (desc_q.length == 16'd0) ? soc_pkg::DMA_NEXT : soc_pkg::DMA_READ;
            end
          end
        end

        soc_pkg::DMA_READ: begin
          if (bus_done) begin
            if (m_pslverr_i) begin
              state_q <= soc_pkg::DMA_ERROR;
            end else begin
              data_q  <= unit_is_word ? m_prdata_i
                                      : {4{soc_pkg::byte_select(m_prdata_i, src_q[1:0])}};
              state_q <= soc_pkg::DMA_WRITE;
            end
          end
        end

        soc_pkg::DMA_WRITE: begin
          if (bus_done) begin
            if (m_pslverr_i) begin
              state_q <= soc_pkg::DMA_ERROR;
            end else begin
              if (desc_q.ctrl.src_inc) src_q <= src_q + step;
              if (desc_q.ctrl.dst_inc) dst_q <= dst_q + step;
              remaining_q <= remaining_q - 1'b1;
              xfer_cnt_q  <= xfer_cnt_q + 1'b1;
              if (abort_q) begin
                state_q <= soc_pkg::DMA_IDLE;
              end else if (remaining_q == 16'd1) begin
                state_q <= soc_pkg::DMA_NEXT;
              end else begin
                state_q <= soc_pkg::DMA_READ;
              end
            end
          end
        end

        soc_pkg::DMA_NEXT: begin
          if (desc_q.ctrl.irq_en) desc_irq_q <= 1'b1;
          if (desc_q.ctrl.last || abort_q) begin
            done_q  <= 1'b1;
            state_q <= soc_pkg::DMA_IDLE;
          end else begin
            cur_desc_q <= desc_q.next_ptr;
            word_cnt_q <= '0;
            state_q    <= soc_pkg::DMA_FETCH;
          end
        end

        soc_pkg::DMA_ERROR: begin
          error_q <= 1'b1;
          state_q <= soc_pkg::DMA_IDLE;
        end

        default: state_q <= soc_pkg::DMA_IDLE;
      endcase
    end
  end

  // ---------------------------------------------------------------------------
  // Configuration registers
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin : p_cfg_regs
    if (!rst_ni) begin
      irq_en_q   <= 1'b0;
      desc_ptr_q <= '0;
    end else if (`APB_WRITE_ACCESS(cfg_psel_i, cfg_penable_i, cfg_pwrite_i)) begin
      case (reg_idx)
        soc_pkg::DMA_REG_CTRL: begin
          if (cfg_pstrb_i[0]) irq_en_q <= cfg_pwdata_i[2];
        end
        soc_pkg::DMA_REG_DESC_PTR: begin
          // Changing the list head under a running chain is not allowed.
          if (state_q == soc_pkg::DMA_IDLE) begin
            desc_ptr_q <= soc_pkg::apply_strobe(desc_ptr_q, {cfg_pwdata_i[31:2], 2'b00}, cfg_pstrb_i);
          end
        end
        default: ;
      endcase
    end
  end

  always_comb begin : p_cfg_read
    case (reg_idx)
      soc_pkg::DMA_REG_CTRL:     cfg_prdata_o = {29'b0, irq_en_q, 2'b00};
      soc_pkg::DMA_REG_STATUS:   cfg_prdata_o = {25'b0, state_q, desc_irq_q, error_q, done_q, busy_o};
      soc_pkg::DMA_REG_DESC_PTR: cfg_prdata_o = desc_ptr_q;
      soc_pkg::DMA_REG_CUR_DESC: cfg_prdata_o = cur_desc_q;
      soc_pkg::DMA_REG_XFER_CNT: cfg_prdata_o = xfer_cnt_q;
      default:                   cfg_prdata_o = 32'h0;
    endcase
  end

  assign cfg_pready_o  = 1'b1;
  assign cfg_pslverr_o = 1'b0;

  assign busy_o = (state_q != soc_pkg::DMA_IDLE);
  assign irq_o  = (irq_en_q && (done_q || error_q)) || desc_irq_q;

`ifdef SIMULATION
  // A descriptor list must be word aligned.
  always @(posedge clk_i) begin : p_align_check
    if (start_pulse) begin
      `SOC_ASSERT(desc_ptr_q[1:0] == 2'b00, ("dma_engine: DESC_PTR 0x%08h not word aligned", desc_ptr_q))
    end
  end

  // Console trace of chain progress, enabled with +soc_verbose.
  always @(posedge clk_i) begin : p_trace
    if (state_q == soc_pkg::DMA_IDLE && start_pulse)
      `SOC_TRACE(("%t dma: start, first descriptor at 0x%08h", $time, desc_ptr_q))
    if (state_q == soc_pkg::DMA_FETCH && bus_done && word_cnt_q == 2'd3)
      `SOC_TRACE(("%t dma: descriptor 0x%08h src=0x%08h dst=0x%08h len=%0d ctrl=0x%04h",
                  $time, cur_desc_q, desc_q.src_addr, desc_q.dst_addr, desc_q.length, desc_q.ctrl))
    if (state_q == soc_pkg::DMA_NEXT && (desc_q.ctrl.last || abort_q))
      `SOC_TRACE(("%t dma: chain done, %0d units", $time, xfer_cnt_q))
    if (state_q == soc_pkg::DMA_ERROR)
      `SOC_TRACE(("%t dma: bus error, descriptor 0x%08h", $time, cur_desc_q))
  end
`endif

endmodule : dma_engine
