using Hdl.Workspace.Features.Completion;

namespace Hdl.Workspace.Tests.Features.Completion;

/// <summary>Code completion in SystemVerilog, VHDL and across both: names by scope, members, templates, keywords by level, snippets.</summary>
public class CompletionTests
{
    // ---------------------------------------------------------------------------------------------
    // SystemVerilog names by scope

    [Fact]
    public void Signals_ports_and_parameters_of_the_module_are_offered_with_their_type()
    {
        var items = Items("""
            module m #(parameter int W = 8) (input logic clk, output logic [W-1:0] q);
              logic [3:0] count;
              assign q = $0
            endmodule
            """);
        Assert.Equal("input logic", Detail(items, "clk"));
        Assert.Equal("output logic [W-1:0]", Detail(items, "q"));
        Assert.Equal("parameter int = 8", Detail(items, "W"));
        Assert.Equal("logic [3:0]", Detail(items, "count"));
    }

    [Fact]
    public void A_local_of_the_open_block_comes_before_the_module_names_and_a_closed_block_local_is_gone()
    {
        var items = Items("""
            module m(input logic clk);
              logic count_q;
              always_comb begin : done
                logic count_old;
              end
              always_ff @(posedge clk) begin : blk
                logic count_next;
                count_q <= co$0
              end
            endmodule
            """);
        Assert.Equal(["count_next", "count_q"], Labels(items).Where(label => label.StartsWith("count", StringComparison.Ordinal)));
    }

    [Fact]
    public void Function_arguments_are_visible_inside_the_function_only()
    {
        Assert.Contains("arg_a", Labels(Items("""
            module m;
              function automatic logic inv(input logic arg_a);
                return !ar$0
              endfunction
            endmodule
            """)));
        Assert.DoesNotContain("arg_a", Labels(Items("""
            module m;
              function automatic logic inv(input logic arg_a);
                return !arg_a;
              endfunction
              wire w = ar$0
            endmodule
            """)));
    }

    [Fact]
    public void Enum_members_of_an_imported_package_are_offered_after_the_unit_names()
    {
        var items = Items("""
            //- /pkg.sv
            package bus_pkg;
              typedef enum logic [1:0] {IDLE, BUSY, DONE} state_t;
              localparam int DEPTH = 4;
            endpackage
            //- /top.sv
            module m import bus_pkg::*; (input logic clk);
              state_t state;
              logic idle_flag;
              always_comb state = I$0
            endmodule
            """);
        Assert.Equal("enum state_t · bus_pkg", Detail(items, "IDLE"));
        Assert.True(Index(items, "idle_flag") < Index(items, "IDLE"), "unit names sort before imported ones");
    }

    [Fact]
    public void Package_members_follow_the_scope_operator()
    {
        var items = Items("""
            //- /pkg.sv
            package bus_pkg;
              typedef enum logic [1:0] {IDLE, BUSY} state_t;
              localparam int DEPTH = 4;
              function automatic int twice(int x); return 2 * x; endfunction
            endpackage
            //- /top.sv
            module m;
              localparam int D = bus_pkg::$0
            endmodule
            """);
        Assert.Equal(["BUSY", "DEPTH", "IDLE", "state_t", "twice"], Labels(items).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Struct_fields_follow_a_dot_on_a_struct_signal_and_nested_structs_too()
    {
        var fixture = """
            //- /pkg.sv
            package p;
              typedef struct packed { logic [3:0] addr; logic write; } req_t;
              typedef struct packed { req_t req; logic valid; } msg_t;
            endpackage
            //- /top.sv
            module m import p::*; ();
              msg_t msg;
              wire w = msg.$0
            endmodule
            """;
        Assert.Equal(["req", "valid"], Labels(Items(fixture)).Order(StringComparer.Ordinal));
        Assert.Equal(["addr", "write"], Labels(Items(fixture.Replace("msg.$0", "msg.req.$0", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_instance_name_followed_by_a_dot_offers_the_child_module_items()
    {
        var items = Items("""
            //- /child.sv
            module child(input logic clk, output logic done);
              logic busy;
            endmodule
            //- /top.sv
            module top(input logic clk);
              child u_child (.clk(clk), .done());
              wire w = u_child.$0
            endmodule
            """);
        Assert.Equal(["busy", "clk", "done"], Labels(items).Order(StringComparer.Ordinal));
    }

    // ---------------------------------------------------------------------------------------------
    // SystemVerilog instances, system tasks, keywords and snippets

    [Fact]
    public void A_module_name_at_module_level_expands_to_an_instance_with_every_parameter_and_port_connected_by_name()
    {
        var item = Single(Items("""
            //- /counter.sv
            module counter #(parameter int W = 4, localparam int L = 1) (input logic clk, input logic rst_n, output logic [W-1:0] count);
            endmodule
            //- /top.sv
            module top(input logic clk);
              coun$0
            endmodule
            """), "counter");
        Assert.Equal(CompletionKind.Module, item.Kind);
        Assert.True(item.IsSnippet);
        Assert.Equal("""
            counter #(
              .W(${1:W})
            ) ${2:u_counter} (
              .clk(${3:clk}),
              .rst_n(${4:rst_n}),
              .count(${5:count})
            );
            """.ReplaceLineEndings("\n"), item.InsertText);
        Assert.Equal("module instance · 1 parameters, 3 ports", item.Detail);
    }

    [Fact]
    public void After_a_dot_in_a_port_list_the_ports_not_yet_connected_are_offered_in_declaration_order()
    {
        var items = Items("""
            //- /counter.sv
            module counter(input logic clk, input logic rst_n, output logic [3:0] count);
            endmodule
            //- /top.sv
            module top(input logic clk);
              counter u_counter (.clk(clk), .$0
            endmodule
            """);
        Assert.Equal(["rst_n", "count"], Labels(items));
        Assert.Equal("rst_n(${1:rst_n})", Single(items, "rst_n").InsertText);
        Assert.Equal("output logic [3:0]", Detail(items, "count"));
    }

    [Fact]
    public void After_a_dot_in_a_parameter_list_the_parameters_are_offered()
    {
        Assert.Equal(["DEPTH", "W"], Labels(Items("""
            //- /fifo.sv
            module fifo #(parameter int W = 8, parameter int DEPTH = 4) (input logic clk);
            endmodule
            //- /top.sv
            module top;
              fifo #(.$0
            endmodule
            """)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_dollar_offers_system_tasks_and_functions_only()
    {
        var items = Items("""
            module m;
              logic display_en;
              initial $di$0
            endmodule
            """);
        Assert.Equal(["$display", "$dimensions"], Labels(items).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(CompletionKind.SystemTask, Single(items, "$display").Kind);
        Assert.Equal(CompletionKind.SystemFunction, Single(Items("module m; localparam int A = $cl$0 endmodule"), "$clog2").Kind);
    }

    [Fact]
    public void Keywords_depend_on_the_code_level()
    {
        var moduleLevel = Complete("""
            module m;
              $0
            endmodule
            """);
        Assert.Equal(CodeLevel.ModuleItem, moduleLevel.Level);
        Assert.Contains("always_ff", Labels(moduleLevel.Items));
        Assert.DoesNotContain("foreach", Labels(moduleLevel.Items));

        var statement = Complete("""
            module m(input logic clk);
              always_ff @(posedge clk) begin
                $0
              end
            endmodule
            """);
        Assert.Equal(CodeLevel.Statement, statement.Level);
        Assert.Contains("foreach", Labels(statement.Items));
        Assert.DoesNotContain("always_ff", Labels(statement.Items));

        var expression = Complete("""
            module m(input logic a, output logic y);
              assign y = a & $0
            endmodule
            """);
        Assert.Equal(CodeLevel.Expression, expression.Level);
        Assert.DoesNotContain("always_ff", Labels(expression.Items));
        Assert.DoesNotContain("foreach", Labels(expression.Items));

        var outside = Complete("""
            module m;
            endmodule
            $0
            """);
        Assert.Equal(CodeLevel.Outside, outside.Level);
        Assert.Contains("module", Labels(outside.Items));
        Assert.DoesNotContain("assign", Labels(outside.Items));
    }

    [Fact]
    public void A_single_statement_process_ends_at_its_semicolon()
    {
        Assert.Equal(CodeLevel.ModuleItem, Complete("""
            module m(input logic clk, input logic d);
              logic q;
              always @(posedge clk) q <= d;
              $0
            endmodule
            """).Level);
    }

    [Fact]
    public void The_always_ff_snippet_uses_the_module_clock_and_reset()
    {
        var item = Single(Items("""
            module m(input logic clk_i, input logic rst_ni, input logic d, output logic q);
              alw$0
            endmodule
            """), "always_ff with reset");
        Assert.Equal(CompletionKind.Snippet, item.Kind);
        Assert.StartsWith("always_ff @(posedge ${1:clk_i} or negedge ${2:rst_ni}) begin\n  if (!${2:rst_ni}) begin", item.InsertText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fsm_snippet_has_the_state_enum_register_and_next_state_case()
    {
        var item = Single(Items("""
            module m(input logic clk, input logic rst_n);
              fs$0
            endmodule
            """), "fsm");
        Assert.Contains("typedef enum logic", item.InsertText, StringComparison.Ordinal);
        Assert.Contains("always_ff @(posedge ${5:clk} or negedge ${6:rst_n})", item.InsertText, StringComparison.Ordinal);
        Assert.Contains("unique case (state_q)", item.InsertText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_line_in_a_module_without_endmodule_still_completes_its_signals()
    {
        var items = Items("""
            module m(input logic enable, output logic y);
              logic [7:0] data_q;
              assign y = en$0 &&
              always_ff @(posedge
            """);
        Assert.Contains("enable", Labels(items));
    }

    [Fact]
    public void Names_written_where_the_analysis_found_no_unit_are_still_offered_as_words()
    {
        var item = Single(Items("""
            module m #(parameter W = 8 (input logic [W-1:0] data_in,
              wire ready_o = da$0
            """), "data_in");
        Assert.Contains(item.Detail, new[] { "word in this file", "input logic [W-1:0]" });
    }

    [Fact]
    public void Nothing_is_offered_inside_a_comment_or_a_string()
    {
        Assert.Empty(Items("""
            module m(input logic enable);
              // the en$0
            endmodule
            """));
        Assert.Empty(Items("""
            module m(input logic enable);
              initial $display("en$0
            endmodule
            """));
    }

    [Fact]
    public void The_list_is_capped_and_then_incomplete()
    {
        var fixture = CompletionFixture.Parse("""
            module m(input logic a1, input logic a2, input logic a3);
              assign a$0
            endmodule
            """);
        var result = fixture.Complete(new CompletionOptions(MaxItems: 2));
        Assert.True(result.IsIncomplete);
        Assert.Equal(2, result.Items.Length);
        Assert.False(fixture.Complete().IsIncomplete);
    }

    [Fact]
    public void Resolve_documents_a_port_with_its_declaration_and_comment()
    {
        var fixture = CompletionFixture.Parse("""
            module m(
              // Enables counting.
              input logic enable,
              output logic y
            );
              assign y = ena$0
            endmodule
            """);
        var entry = Single(fixture.Complete().Items, "enable");
        var documentation = fixture.Resolve(entry);
        Assert.Contains("input logic enable", documentation, StringComparison.Ordinal);
        Assert.Contains("Enables counting.", documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_documents_system_tasks_and_snippets()
    {
        var fixture = CompletionFixture.Parse("module m; initial $disp$0 endmodule");
        Assert.Contains("$display(format, args...)", fixture.Resolve(Single(fixture.Complete().Items, "$display")), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------------------------------------
    // VHDL

    private const string VhdlPackage = """
        //- /pkg.vhd
        library ieee;
        use ieee.std_logic_1164.all;
        package types_pkg is
          type state_t is (IDLE, RUN);
          type req_t is record
            addr : std_logic_vector(3 downto 0);
            write : std_logic;
          end record;
          constant DEPTH : integer := 4;
        end package;
        """;

    [Fact]
    public void A_vhdl_architecture_sees_its_entity_ports_and_generics_and_its_own_signals()
    {
        var items = Items("""
            //- /e.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            entity e is
              generic (WIDTH : integer := 8);
              port (clk : in std_logic; dout : out std_logic_vector(7 downto 0));
            end entity;
            architecture rtl of e is
              signal stage : std_logic;
            begin
              dout <= $0
            end architecture;
            """);
        Assert.Equal("in std_logic", Detail(items, "clk"));
        Assert.Equal("integer := 8", Detail(items, "WIDTH"));
        Assert.Contains("stage", Labels(items));
    }

    [Fact]
    public void A_process_variable_is_local_to_its_process()
    {
        var fixture = """
            //- /e.vhd
            entity e is
              port (clk : in bit);
            end entity;
            architecture rtl of e is
              signal s : bit;
            begin
              p1 : process (clk)
                variable v_count : integer;
              begin
                $0
              end process;
            end architecture;
            """;
        Assert.Contains("v_count", Labels(Items(fixture)));
        Assert.DoesNotContain("v_count", Labels(Items(fixture.Replace("$0", string.Empty, StringComparison.Ordinal).Replace("end architecture;", "  s <= $0\nend architecture;", StringComparison.Ordinal))));
    }

    [Fact]
    public void Record_fields_follow_a_dot_on_a_record_signal()
    {
        Assert.Equal(["addr", "write"], Labels(Items(VhdlPackage + """

            //- /e.vhd
            use work.types_pkg.all;
            entity e is
            end entity;
            architecture rtl of e is
              signal req : req_t;
            begin
              req.$0
            end architecture;
            """)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Work_dot_lists_the_library_units_and_a_package_dot_its_members()
    {
        var fixture = VhdlPackage + """

            //- /e.vhd
            entity e is
            end entity;
            //- /f.vhd
            use work.$0
            entity f is
            end entity;
            """;
        var units = Labels(Items(fixture));
        Assert.Contains("types_pkg", units);
        Assert.Contains("e", units);
        Assert.Equal(["all", "DEPTH", "IDLE", "req_t", "RUN", "state_t"], Labels(Items(fixture.Replace("work.$0", "work.types_pkg.$0", StringComparison.Ordinal))).Order(StringComparer.OrdinalIgnoreCase));
        Assert.Contains("numeric_std", Labels(Items(fixture.Replace("work.$0", "ieee.$0", StringComparison.Ordinal))));
    }

    [Fact]
    public void Enumeration_literals_of_a_used_package_are_offered()
    {
        Assert.Contains("IDLE", Labels(Items(VhdlPackage + """

            //- /e.vhd
            use work.types_pkg.all;
            entity e is
            end entity;
            architecture rtl of e is
              signal state : state_t;
            begin
              state <= I$0
            end architecture;
            """)));
    }

    [Fact]
    public void An_entity_name_in_the_statement_part_expands_to_an_entity_instance_with_generic_and_port_maps()
    {
        var item = Single(Items("""
            //- /fifo.vhd
            entity fifo is
              generic (DEPTH : integer := 4);
              port (clk : in bit; din : in bit; dout : out bit);
            end entity;
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
            begin
              fif$0
            end architecture;
            """), "fifo");
        Assert.Equal("""
            ${1:u_fifo} : entity work.fifo
              generic map (
                DEPTH => ${2:DEPTH}
              )
              port map (
                clk => ${3:clk},
                din => ${4:din},
                dout => ${5:dout}
              );
            """.ReplaceLineEndings("\n"), item.InsertText);
    }

    [Fact]
    public void In_a_port_map_the_formals_not_yet_mapped_come_first()
    {
        var items = Items("""
            //- /fifo.vhd
            entity fifo is
              port (clk : in bit; din : in bit; dout : out bit);
            end entity;
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
              signal c : bit;
            begin
              u : entity work.fifo port map (clk => c, $0
            end architecture;
            """);
        Assert.Equal(["din", "dout"], Labels(items).Take(2));
        Assert.Equal("din => ${1:din}", Single(items, "din").InsertText);
        Assert.DoesNotContain("clk", Labels(items));
    }

    [Fact]
    public void Vhdl_keywords_depend_on_the_region()
    {
        var fixture = """
            //- /e.vhd
            entity e is
              port (clk : in bit);
            end entity;
            architecture rtl of e is
              DECL
            begin
              CONC
              process (clk)
              begin
                SEQ
              end process;
            end architecture;
            """;
        CompletionResult At(string marker) => Complete(fixture.Replace(marker, "$0", StringComparison.Ordinal).Replace("DECL", string.Empty, StringComparison.Ordinal)
            .Replace("CONC", string.Empty, StringComparison.Ordinal).Replace("SEQ", string.Empty, StringComparison.Ordinal));
        var declarative = At("DECL");
        Assert.Equal(CodeLevel.VhdlDeclarative, declarative.Level);
        Assert.Contains("signal", Labels(declarative.Items));
        Assert.DoesNotContain("process", Labels(declarative.Items));
        var concurrent = At("CONC");
        Assert.Equal(CodeLevel.VhdlConcurrent, concurrent.Level);
        Assert.Contains("process", Labels(concurrent.Items));
        Assert.DoesNotContain("loop", Labels(concurrent.Items));
        var sequential = At("SEQ");
        Assert.Equal(CodeLevel.VhdlSequential, sequential.Level);
        Assert.Contains("loop", Labels(sequential.Items));
        Assert.DoesNotContain("process", Labels(sequential.Items));
    }

    [Fact]
    public void The_vhdl_clocked_process_snippet_uses_the_entity_clock_and_reset()
    {
        var item = Single(Items("""
            //- /e.vhd
            entity e is
              port (sys_clk : in bit; sys_rst : in bit);
            end entity;
            architecture rtl of e is
            begin
              proc$0
            end architecture;
            """), "process with reset");
        Assert.StartsWith("${1:reg_proc} : process (${2:sys_clk}, ${3:sys_rst})\nbegin\n  if ${3:sys_rst} = '1' then", item.InsertText, StringComparison.Ordinal);
    }

    [Fact]
    public void Vhdl_attributes_follow_a_tick()
    {
        Assert.Contains("event", Labels(Items("""
            //- /e.vhd
            entity e is
              port (clk : in bit);
            end entity;
            architecture rtl of e is
            begin
              process (clk) begin
                if clk'$0
              end process;
            end architecture;
            """)));
    }

    // ---------------------------------------------------------------------------------------------
    // Mixed languages

    [Fact]
    public void A_vhdl_entity_instantiated_from_systemverilog_gets_an_sv_template_with_its_generics_and_ports()
    {
        var item = Single(Items("""
            //- /fifo.vhd
            entity fifo is
              generic (DEPTH : integer := 4);
              port (clk : in bit; dout : out bit);
            end entity;
            //- /top.sv
            module top(input logic clk);
              fi$0
            endmodule
            """), "fifo");
        Assert.Equal("fifo #(\n  .DEPTH(${1:DEPTH})\n) ${2:u_fifo} (\n  .clk(${3:clk}),\n  .dout(${4:dout})\n);", item.InsertText);
    }

    [Fact]
    public void A_verilog_module_instantiated_from_vhdl_gets_an_entity_instance_template()
    {
        var item = Single(Items("""
            //- /counter.v
            module counter(input clk, output [3:0] count);
            endmodule
            //- /top.vhd
            entity top is
            end entity;
            architecture rtl of top is
            begin
              coun$0
            end architecture;
            """), "counter");
        Assert.Equal("${1:u_counter} : entity work.counter\n  port map (\n    clk => ${2:clk},\n    count => ${3:count}\n  );", item.InsertText);
    }

    [Fact]
    public void Ports_of_a_vhdl_entity_are_offered_after_a_dot_in_an_sv_port_list()
    {
        Assert.Equal(["din", "dout"], Labels(Items("""
            //- /fifo.vhd
            entity fifo is
              port (clk : in bit; din : in bit; dout : out bit);
            end entity;
            //- /top.sv
            module top(input logic clk);
              fifo u_fifo (.clk(clk), .$0
            endmodule
            """)));
    }

    // ---------------------------------------------------------------------------------------------
    // Check helpers

    private static CompletionResult Complete(string fixture) => CompletionFixture.Parse(fixture).Complete();

    private static IReadOnlyList<CompletionEntry> Items(string fixture) => Complete(fixture).Items;

    private static List<string> Labels(IEnumerable<CompletionEntry> items) => [.. items.Select(item => item.Label)];

    private static CompletionEntry Single(IEnumerable<CompletionEntry> items, string label) =>
        items.SingleOrDefault(item => item.Label == label) ?? throw new Xunit.Sdk.XunitException($"no item '{label}' in: {string.Join(", ", items.Select(item => item.Label))}");

    private static string? Detail(IEnumerable<CompletionEntry> items, string label) => Single(items, label).Detail;

    private static int Index(IReadOnlyList<CompletionEntry> items, string label) => Labels(items).IndexOf(label);
}
