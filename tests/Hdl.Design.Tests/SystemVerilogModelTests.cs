using Hdl.Syntax;
using Hdl.Syntax.Text;

namespace Hdl.Design.Tests;

/// <summary>The design model of SystemVerilog and Verilog files, one construct per test.</summary>
public class SystemVerilogModelTests
{
    [Fact]
    public void Ansi_module_with_parameters_ports_and_documentation()
    {
        CheckModel("""
            // Counts enabled clock cycles.
            module counter #(parameter int WIDTH = 8, localparam MAX = 2**WIDTH - 1) (
              input  logic             clk,   // system clock
              input  logic             rst_n,
              input  logic             en,
              output logic [WIDTH-1:0] count
            );
            endmodule
            """, """
            module counter @2
              doc "Counts enabled clock cycles."
              parameter int WIDTH = 8
              localparam MAX = 2**WIDTH - 1
              port in logic clk // system clock
              port in logic rst_n
              port in logic en
              port out logic [WIDTH-1:0] count
            """);
    }

    [Fact]
    public void Body_parameters_are_local_when_the_header_has_a_parameter_port_list_or_the_unit_is_a_package()
    {
        CheckModel("""
            module with_ports #(parameter W = 8) ();
              parameter DEPTH = 4;
            endmodule
            module empty_list #() ();
              parameter DEPTH = 4;
            endmodule
            module without_list;
              parameter DEPTH = 4;
            endmodule
            package cfg_pkg;
              parameter LANES = 2;
            endpackage
            """, """
            module with_ports @1
              parameter W = 8
              localparam DEPTH = 4
            module empty_list @4
              localparam DEPTH = 4
            module without_list @7
              parameter DEPTH = 4
            package cfg_pkg @10
              localparam LANES = 2
            """);
    }

    [Fact]
    public void Non_ansi_ports_take_direction_and_type_from_the_body()
    {
        CheckModel("""
            module old_style(a, b, y);
              input a, b;
              output [3:0] y;
              wire [3:0] y = {a, b, a, b};
            endmodule
            """, """
            module old_style @1
              port in a
              port in b
              port out [3:0] y
              net wire [3:0] y = {a, b, a, b}
              assign y = a, b, a, b
            """, path: "old_style.v");
    }

    [Fact]
    public void Clocked_process_with_asynchronous_active_low_reset()
    {
        CheckModel("""
            module r(input logic clk, input logic rst_n, input logic d, input logic en, output logic q);
              always_ff @(posedge clk or negedge rst_n) begin : p_q
                if (!rst_n) q <= 1'b0;
                else if (en) q <= d;
              end
            endmodule
            """, """
            module r @1
              port in logic clk
              port in logic rst_n
              port in logic d
              port in logic en
              port out logic q
              process alwaysff p_q @(clk, rst_n) clock posedge clk reset rst_n low async
                q <=  if rst_n
                q <= d if rst_n, en
            """);
    }

    [Fact]
    public void Synchronous_reset_is_found_in_the_first_condition()
    {
        CheckModel("""
            module s(input clk, input reset, input [7:0] d, output reg [7:0] q);
              always @(posedge clk)
                if (reset) q <= 8'd0; else q <= d;
            endmodule
            """, """
            module s @1
              port in clk
              port in reset
              port in [7:0] d
              port out reg [7:0] q
              process always @(clk) clock posedge clk reset reset high sync
                q <=  if reset
                q <= d if reset
            """, path: "s.v");
    }

    [Fact]
    public void Combinational_logic_separates_data_from_control()
    {
        CheckModel("""
            module mux(input logic sel, input logic [3:0] a, b, input logic [1:0] op, output logic [3:0] y, z);
              assign y = sel ? a : b;
              always_comb begin
                case (op)
                  2'd0: z = a & b;
                  default: z = a[3:0] | b;
                endcase
              end
            endmodule
            """, """
            module mux @1
              port in logic sel
              port in logic [3:0] a
              port in logic [3:0] b
              port in logic [1:0] op
              port out logic [3:0] y
              port out logic [3:0] z
              assign y = a, b if sel
              process alwayscomb @*
                z = a, b if op
                z = a[3:0], b if op
            """);
    }

    [Fact]
    public void Instances_with_named_positional_implicit_and_wildcard_connections()
    {
        CheckModel("""
            module top(input logic clk, input logic rst_n);
              logic [7:0] data;
              fifo #(.DEPTH(16), .WIDTH(8)) u_fifo (.clk, .rst_n(rst_n), .din(data[7:0]), .dout());
              sub u_sub (clk, , data);
              leaf u_leaf (.*);
              and g1 (y, a, b);
            endmodule
            """, """
            module top @1
              port in logic clk
              port in logic rst_n
              variable logic [7:0] data
              instance fifo u_fifo #(.DEPTH(16), .WIDTH(8)) (.clk, .rst_n(rst_n), .din(data[7:0]), .dout())
              instance sub u_sub (clk, , data)
              instance leaf u_leaf (.*)
              instance and g1 (y, a, b)
            """);
    }

    [Fact]
    public void Generate_blocks_scope_their_items()
    {
        CheckModel("""
            module g #(parameter N = 4) (input logic [N-1:0] a, output logic [N-1:0] y);
              genvar i;
              for (i = 0; i < N; i++) begin : g_lane
                logic t;
                assign t = a[i];
                assign y[i] = ~t;
              end
              if (N > 2) begin
                wire extra;
              end else begin : g_small
              end
            endmodule
            """, """
            module g @1
              parameter N = 4
              port in logic [N-1:0] a
              port out logic [N-1:0] y
              genvar genvar i
              variable logic t in g_lane
              net wire extra in genblk1
              generate for g_lane (i = 0; i < N; i++)
              generate if genblk1 (N > 2)
              generate if g_small (N > 2)
              assign t = a[i], i in g_lane
              assign y[i] = t, i in g_lane
            """);
    }

    [Fact]
    public void Net_types_are_read_with_or_without_a_delay()
    {
        CheckModel("""
            module nets;
              wire logic [3:0] #(1, 2) a;
              wire [7:0] #5 b;
              wire #3 c;
              wire bus_pkg::req_t d;
              wire bus_pkg::req_t [1:0] #2 e;
              trireg (large) #(1:2:3) f;
            endmodule
            """, """
            module nets @1
              net wire logic [3:0] a
              net wire [7:0] b
              net wire c
              net wire bus_pkg::req_t d
              net wire bus_pkg::req_t [1:0] e
              net trireg f
            """);
    }

    [Fact]
    public void Packages_types_enums_structs_and_imports()
    {
        CheckModel("""
            package bus_pkg;
              typedef enum logic [1:0] {IDLE, BUSY = 2'd2, DONE} state_e;
              typedef struct packed { logic [7:0] addr; logic write; } req_t;
              parameter int unsigned DATA_W = 32;
              function automatic logic parity(input logic [7:0] v);
                return ^v;
              endfunction
            endpackage
            module user import bus_pkg::*; (input bus_pkg::req_t req);
              import bus_pkg::state_e;
              state_e state;
            endmodule
            """, """
            package bus_pkg @1
              localparam int unsigned DATA_W = 32
              enum enum logic [1:0] {IDLE, BUSY = 2'd2, DONE} state_e {IDLE, BUSY, DONE}
              enummember state_e IDLE
              enummember state_e BUSY = 2'd2
              enummember state_e DONE
              struct struct packed { logic [7:0] addr; logic write; } req_t {addr, write}
              function logic parity(in v)
            module user @9
              import bus_pkg::*
              import bus_pkg::state_e
              port in bus_pkg::req_t req
              variable state_e state
            """);
    }

    [Fact]
    public void Interfaces_with_modports_and_interface_ports()
    {
        CheckModel("""
            interface stream_if #(parameter W = 8) (input logic clk);
              logic [W-1:0] data;
              logic valid, ready;
              modport source (output data, valid, input ready);
              modport sink (input data, valid, output ready);
            endinterface
            module consumer (stream_if.sink s, input logic clk);
              assign s.ready = s.valid;
            endmodule
            """, """
            interface stream_if @1
              parameter W = 8
              port in logic clk
              variable logic [W-1:0] data
              variable logic valid
              variable logic ready
              modport modport source {data, valid, ready}
              modport modport sink {data, valid, ready}
            module consumer @7
              port interface stream_if.sink s
              port in logic clk
              assign s.ready = s.valid
            """);
    }

    private static void CheckModel(string fixture, string expected, string path = "top.sv")
    {
        var tree = SyntaxParser.Parse(SourceText.From(path, fixture + "\n"));
        Assert.Empty(tree.Diagnostics);
        var model = DesignModel.Build(tree, CancellationToken.None);
        Assert.Equal(expected, DesignModelDump.Render(model));
    }
}
