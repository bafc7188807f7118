using System.Collections.Immutable;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Tests.Features;

/// <summary>Go to definition, find references and unresolved-name diagnostics, in SystemVerilog, VHDL and across both.</summary>
public class SymbolNavigationTests
{
    // ---------------------------------------------------------------------------------------------
    // SystemVerilog scopes

    [Fact]
    public void A_local_in_a_named_block_shadows_the_module_signal()
    {
        CheckDefinition("""
            module m(input logic clk);
              logic count;
              always_ff @(posedge clk) begin : blk
                logic count;
            //        ^^^^^ def
                count <= $0count;
              end
            endmodule
            """);
    }

    [Fact]
    public void Outside_the_block_the_module_signal_is_found()
    {
        CheckDefinition("""
            module m(input logic clk, output logic q);
              logic count;
            //      ^^^^^ def
              always_ff @(posedge clk) begin : blk
                logic count;
                count <= 1'b0;
              end
              assign q = $0count;
            endmodule
            """);
    }

    [Fact]
    public void A_genvar_and_a_generate_block_local_bind_inside_the_loop()
    {
        CheckDefinition("""
            module m(output logic [3:0] y);
              for (genvar i = 0; i < 4; i++) begin : g
            //            ^ def
                logic t;
                assign t = 1'b1;
                assign y[$0i] = t;
              end
            endmodule
            """);
    }

    [Fact]
    public void A_function_argument_binds_inside_the_function()
    {
        CheckDefinition("""
            module m;
              logic a;
              function automatic logic inv(input logic a);
            //                                         ^ def
                return !$0a;
              endfunction
            endmodule
            """);
    }

    [Fact]
    public void A_function_called_before_its_declaration_binds()
    {
        CheckDefinition("""
            module m(output logic y);
              assign y = $0f();
              function automatic logic f();
            //                         ^ def
                return 1'b1;
              endfunction
            endmodule
            """);
    }

    [Fact]
    public void Enum_members_and_struct_fields_bind()
    {
        CheckDefinition("""
            module m;
              typedef enum logic [1:0] {IDLE, RUN} state_t;
            //                                ^^^ def
              typedef struct packed { logic [7:0] addr; logic valid; } req_t;
              state_t s;
              req_t r;
              assign s = $0RUN;
            endmodule
            """);
        CheckDefinition("""
            module m;
              typedef struct packed { logic [7:0] addr; logic valid; } req_t;
            //                                                ^^^^^ def
              req_t r;
              logic v;
              assign v = r.$0valid;
            endmodule
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // SystemVerilog packages and the compilation unit

    [Fact]
    public void A_wildcard_import_finds_the_package_parameter_in_another_file()
    {
        CheckDefinition("""
            //- /rtl/pkg.sv
            package cfg_pkg;
              localparam int WIDTH = 8;
            //               ^^^^^ def
            endpackage
            //- /rtl/top.sv
            module top import cfg_pkg::*; (output logic [WIDTH-1:0] y);
              assign y = $0WIDTH;
            endmodule
            """);
    }

    [Fact]
    public void Explicit_imports_and_scoped_names_bind_to_the_package_member()
    {
        CheckReferences("""
            //- /rtl/pkg.sv
            package cfg_pkg;
              localparam int $0DEPTH = 4;
            //               ^^^^^ def
            endpackage
            //- /rtl/top.sv
            module top;
              import cfg_pkg::DEPTH;
            //                ^^^^^ ref
              logic [DEPTH-1:0] a;
            //       ^^^^^ ref
              logic [cfg_pkg::DEPTH:0] b;
            //                ^^^^^ ref
            endmodule
            """);
    }

    [Fact]
    public void A_struct_type_from_a_package_gives_its_fields()
    {
        CheckDefinition("""
            //- /rtl/pkg.sv
            package bus_pkg;
              typedef struct packed { logic [31:0] addr; logic we; } req_t;
            //                                     ^^^^ def
            endpackage
            //- /rtl/top.sv
            module top import bus_pkg::*; ;
              req_t req;
              logic [31:0] a;
              assign a = req.$0addr;
            endmodule
            """);
    }

    [Fact]
    public void A_compilation_unit_declaration_binds_from_a_module()
    {
        CheckDefinition("""
            localparam int GLOBAL_W = 4;
            //             ^^^^^^^^ def
            module m(output logic [GLOBAL_W-1:0] y);
              assign y = $0GLOBAL_W;
            endmodule
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // Instances

    [Fact]
    public void Named_port_connections_bind_to_the_child_port()
    {
        CheckDefinition("""
            //- /rtl/leaf.sv
            module leaf(input logic clk, input logic [7:0] d);
            //                                             ^ def
            endmodule
            //- /rtl/top.sv
            module top(input logic clk);
              logic [7:0] x;
              leaf u_leaf (.clk, .$0d(x));
            endmodule
            """);
    }

    [Fact]
    public void An_implicit_named_connection_is_the_child_port_and_the_local_signal()
    {
        CheckDefinition("""
            //- /rtl/leaf.sv
            module leaf(input logic clk);
            //                      ^^^ def
            endmodule
            //- /rtl/top.sv
            module top(input logic clk);
            //                     ^^^ def
              leaf u_leaf (.$0clk);
            endmodule
            """);
    }

    [Fact]
    public void References_of_a_child_port_include_named_and_wildcard_connections()
    {
        CheckReferences("""
            //- /rtl/leaf.sv
            module leaf(input logic $0clk, input logic rst);
            //                      ^^^ def
            endmodule
            //- /rtl/top.sv
            module top(input logic clk, input logic rst);
              logic c2;
              leaf u_a (.clk(c2), .rst);
            //           ^^^ ref
              leaf u_b (.clk, .rst);
            //           ^^^ ref
              leaf u_c (.*);
            //          ^^ ref
            endmodule
            """);
    }

    [Fact]
    public void A_parameter_override_binds_to_the_child_parameter()
    {
        CheckDefinition("""
            //- /rtl/leaf.sv
            module leaf #(parameter int W = 1) (input logic [W-1:0] d);
            //                          ^ def
            endmodule
            //- /rtl/top.sv
            module top;
              logic [7:0] x;
              leaf #(.$0W(8)) u_leaf (.d(x));
            endmodule
            """);
    }

    [Fact]
    public void The_unit_name_of_an_instance_binds_to_the_module()
    {
        CheckDefinition("""
            //- /rtl/leaf.sv
            module leaf;
            //     ^^^^ def
            endmodule
            //- /rtl/top.sv
            module top;
              $0leaf u_leaf ();
            endmodule
            """);
    }

    [Fact]
    public void A_hierarchical_name_through_an_instance_binds_in_the_child()
    {
        CheckDefinition("""
            //- /rtl/core.sv
            module core;
              logic busy;
            //      ^^^^ def
            endmodule
            //- /rtl/tb.sv
            module tb;
              core u_core ();
              initial $display(u_core.$0busy);
            endmodule
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // VHDL

    [Fact]
    public void An_architecture_sees_the_ports_and_generics_of_its_entity_in_another_file()
    {
        CheckDefinition("""
            //- /rtl/counter_e.vhd
            entity counter is
              generic (WIDTH : natural := 8);
              port (clk : in bit; q : out bit);
            --                    ^ def
            end entity;
            //- /rtl/counter_a.vhd
            architecture rtl of counter is
            begin
              $0q <= clk;
            end architecture;
            """);
    }

    [Fact]
    public void Vhdl_names_ignore_case_and_a_process_variable_shadows_the_signal()
    {
        CheckDefinition("""
            //- /rtl/a.vhd
            entity e is port (Clk : in bit); end entity;
            --                ^^^ def
            architecture rtl of e is
              signal s : bit;
            begin
              p : process (CLK)
                variable s : bit;
              begin
                s := $0clk;
              end process;
            end architecture;
            """);
        CheckDefinition("""
            //- /rtl/a.vhd
            entity e is port (Clk : in bit); end entity;
            architecture rtl of e is
              signal s : bit;
            begin
              p : process (CLK)
                variable s : bit;
            --           ^ def
              begin
                $0S := clk;
              end process;
            end architecture;
            """);
    }

    [Fact]
    public void Use_clauses_make_package_constants_and_record_fields_visible()
    {
        CheckDefinition("""
            //- /rtl/pkg.vhd
            package defs is
              constant DEPTH : natural := 4;
            --         ^^^^^ def
            end package;
            //- /rtl/a.vhd
            use work.defs.all;
            entity e is end entity;
            architecture rtl of e is
              signal count : natural range 0 to $0depth;
            begin
            end architecture;
            """);
        CheckDefinition("""
            //- /rtl/pkg.vhd
            package defs is
              type req_t is record
                addr : bit_vector(7 downto 0);
            --  ^^^^ def
                valid : bit;
              end record;
            end package;
            //- /rtl/a.vhd
            library work;
            use work.defs.req_t;
            entity e is end entity;
            architecture rtl of e is
              signal r : req_t;
              signal a : bit_vector(7 downto 0);
            begin
              a <= r.$0addr;
            end architecture;
            """);
    }

    [Fact]
    public void A_selected_name_binds_to_the_package_member()
    {
        CheckReferences("""
            //- /rtl/pkg.vhd
            package defs is
              constant $0DEPTH : natural := 4;
            --         ^^^^^ def
            end package;
            //- /rtl/a.vhd
            entity e is end entity;
            architecture rtl of e is
              signal c : natural := work.defs.depth;
            --                                ^^^^^ ref
              signal d : natural := work.defs.Depth + 1;
            --                                ^^^^^ ref
            begin
            end architecture;
            """);
    }

    [Fact]
    public void Vhdl_port_map_formals_bind_to_the_entity_ports()
    {
        CheckDefinition("""
            //- /rtl/leaf.vhd
            entity leaf is generic (W : natural := 1); port (d : in bit); end entity;
            --                                               ^ def
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.vhd
            entity top is end entity;
            architecture rtl of top is
              signal s : bit;
            begin
              u : entity work.leaf generic map (W => 2) port map ($0D => s);
            end architecture;
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // Mixed languages

    [Fact]
    public void A_vhdl_component_of_a_verilog_module_binds_its_port_map_to_the_module_ports()
    {
        CheckDefinition("""
            //- /rtl/leaf.v
            module leaf(input wire clk_in);
            //                     ^^^^^^ def
            endmodule
            //- /rtl/top.vhd
            entity top is port (clk : in bit); end entity;
            architecture rtl of top is
              component leaf is port (clk_in : in bit); end component;
            begin
              u : leaf port map ($0CLK_IN => clk);
            end architecture;
            """);
    }

    [Fact]
    public void A_verilog_instance_of_a_vhdl_entity_binds_named_connections_to_the_entity_ports()
    {
        CheckDefinition("""
            //- /rtl/leaf.vhd
            entity leaf is port (Din : in bit); end entity;
            --                   ^^^ def
            architecture rtl of leaf is begin end architecture;
            //- /rtl/top.sv
            module top(input logic x);
              leaf u_leaf (.$0Din(x));
            endmodule
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // Symbol information and package users

    [Fact]
    public void Symbol_at_a_use_names_the_declaration_with_kind_container_type_and_comment()
    {
        var fixture = NavigationFixture.Parse("""
            module m(input logic clk);
              // Number of cycles since reset.
              logic [7:0] count;
              always_ff @(posedge clk) count <= $0count + 1;
            endmodule
            """);
        var symbol = SymbolNavigation.SymbolAt(fixture.Index, fixture.CursorPath!, fixture.Cursor);
        Assert.NotNull(symbol);
        Assert.Equal(
            "count Variable m 'logic [7:0]' Number of cycles since reset. at /top.sv:3:15",
            $"{symbol.Name} {symbol.Kind} {symbol.ContainerName} '{symbol.TypeText}' {symbol.Documentation} at {symbol.Definition}");
    }

    [Fact]
    public void Units_using_a_package_are_found_through_imports_and_scoped_names()
    {
        var fixture = NavigationFixture.Parse("""
            //- /rtl/pkg.sv
            package p; localparam int N = 1; endpackage
            //- /rtl/a.sv
            module a import p::*; ; endmodule
            //- /rtl/b.sv
            module b; localparam int M = p::N; endmodule
            //- /rtl/c.sv
            module c; endmodule
            """);
        Assert.Equal<string>(["a", "b"], SymbolNavigation.UnitsUsingPackage(fixture.Index, "p"));
    }

    [Fact]
    public void References_follow_an_edit_after_apply_changes()
    {
        var fixture = NavigationFixture.Parse("""
            //- /rtl/leaf.sv
            module leaf(input logic $0clk);
            endmodule
            //- /rtl/top.sv
            module top(input logic c);
              leaf u (.clk(c));
            endmodule
            """);
        var options = new ReferenceSearchOptions(IncludeDeclaration: false);
        Assert.Single(SymbolNavigation.FindReferences(fixture.Index, "/rtl/leaf.sv", fixture.Cursor, options, CancellationToken.None));
        fixture.Workspace.Write("/rtl/top.sv", "module top(input logic c);\n  leaf u1 (.clk(c));\n  leaf u2 (.clk(c));\nendmodule\n");
        var next = fixture.Index.ApplyChanges(["/rtl/top.sv"], fixture.Workspace, fixture.Workspace, CancellationToken.None);
        var references = SymbolNavigation.FindReferences(next, "/rtl/leaf.sv", fixture.Cursor, options, CancellationToken.None);
        Assert.Equal(["/rtl/top.sv:2:13", "/rtl/top.sv:3:13"], references.Select(location => location.ToString()));
    }

    // ---------------------------------------------------------------------------------------------
    // Unresolved names

    [Fact]
    public void An_undeclared_name_is_reported_and_declared_or_implicit_ones_are_not()
    {
        CheckUnresolved("""
            module m(input logic a, output logic y);
              logic [3:0] v;
              sub u (.p(implicit_net));
              assign y = a & missing & implicit_net & v[0];
            //               ^^^^^^^ warning HDL3001: 'missing' is not declared
              initial $display("%d", $time);
            endmodule
            """);
    }

    [Fact]
    public void A_missing_package_is_reported_once_and_its_names_are_not()
    {
        CheckUnresolved("""
            module m import missing_pkg::*; (output logic y);
            //              ^^^^^^^^^^^ warning HDL3002: package 'missing_pkg' is not defined in the workspace
              assign y = FROM_PACKAGE | missing_pkg::OTHER;
            endmodule
            """);
    }

    [Fact]
    public void A_missing_member_of_a_known_package_is_reported()
    {
        CheckUnresolved("""
            //- /rtl/p.sv
            package p; localparam int W = 8; endpackage
            //- /rtl/m.sv
            module m;
              localparam int X = p::W + p::WIDTH;
            //                             ^^^^^ warning HDL3003: package 'p' has no member 'WIDTH'
            endmodule
            """);
    }

    [Fact]
    public void Vhdl_standard_library_names_are_known_and_other_names_are_checked()
    {
        CheckUnresolved("""
            //- /rtl/a.vhd
            library ieee;
            use ieee.std_logic_1164.all;
            use ieee.numeric_std.all;
            entity e is port (clk : in std_logic; q : out std_logic_vector(3 downto 0)); end entity;
            architecture rtl of e is
              signal n : unsigned(3 downto 0);
            begin
              process (clk) begin
                if rising_edge(clk) then
                  n <= n + 1;
                end if;
              end process;
              q <= std_logic_vector(resize(n, 4)) or nothing_here;
            --                                       ^^^^^^^^^^^^ warning HDL3001: 'nothing_here' is not declared
            end architecture;
            """);
    }

    [Fact]
    public void A_vhdl_use_of_an_unknown_library_package_is_reported_once_and_hides_its_names()
    {
        CheckUnresolved("""
            //- /rtl/a.vhd
            library vendor;
            use vendor.prims.all;
            --         ^^^^^ warning HDL3002: package 'vendor.prims' is not defined in the workspace
            entity e is end entity;
            architecture rtl of e is
              signal s : prim_type;
            begin
            end architecture;
            """);
    }

    [Fact]
    public void Names_of_an_unknown_vhdl_context_are_not_reported()
    {
        CheckUnresolved("""
            //- /rtl/tb.vhd
            library vunit_lib;
            context vunit_lib.vunit_context;
            entity tb is end entity;
            architecture sim of tb is
            begin
              process begin
                check_equal(1, 1);
                wait;
              end process;
            end architecture;
            """);
    }

    [Fact]
    public void A_vhdl_context_in_the_workspace_brings_its_use_clauses()
    {
        CheckDefinition("""
            //- /rtl/pkg.vhd
            package defs is
              constant DEPTH : natural := 4;
            --         ^^^^^ def
            end package;
            context proj_ctx is
              library work;
              use work.defs.all;
            end context;
            //- /rtl/a.vhd
            context work.proj_ctx;
            entity e is end entity;
            architecture rtl of e is
              signal c : natural := $0DEPTH;
            begin
            end architecture;
            """);
    }

    [Fact]
    public void A_component_declared_in_a_package_is_a_member_of_it()
    {
        CheckDefinition("""
            //- /rtl/pkg.vhd
            package comps is
              component leaf is port (d : in bit); end component;
            --          ^^^^ def
            end package;
            //- /rtl/a.vhd
            use work.comps.$0leaf;
            entity e is end entity;
            architecture rtl of e is begin end architecture;
            """);
    }

    [Fact]
    public void Using_a_vhdl_enumeration_type_makes_its_literals_visible()
    {
        CheckDefinition("""
            //- /rtl/pkg.vhd
            package defs is
              type status_t is (ok, busy);
            --                  ^^ def
            end package;
            //- /rtl/a.vhd
            use work.defs.status_t;
            entity e is end entity;
            architecture rtl of e is
              signal s : status_t := $0ok;
            begin
            end architecture;
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // Go to type definition

    [Fact]
    public void The_type_of_a_signal_declared_with_a_package_typedef_is_that_typedef()
    {
        CheckTypeDefinition("""
            //- /rtl/bus_pkg.sv
            package bus_pkg;
              typedef struct packed { logic [7:0] addr; logic wr; } req_t;
            //                                                      ^^^^^ def
            endpackage
            //- /rtl/m.sv
            module m(input bus_pkg::req_t req_i, output logic wr_o);
              assign wr_o = $0req_i.wr;
            endmodule
            """);
    }

    [Fact]
    public void The_type_of_a_local_enum_variable_is_its_typedef_even_when_another_name_is_declared_between()
    {
        CheckTypeDefinition("""
            module fsm(input logic clk);
              typedef enum logic [1:0] {IDLE, BUSY} state_t;
            //                                      ^^^^^^^ def
              logic [1:0] other;
              state_t state_q;
              always_ff @(posedge clk) $0state_q <= IDLE;
            endmodule
            """);
    }

    [Fact]
    public void The_type_of_an_instance_is_its_module()
    {
        CheckTypeDefinition("""
            //- /rtl/leaf.sv
            module leaf(input logic d);
            //     ^^^^ def
            endmodule
            //- /rtl/top.sv
            module top(input logic d);
              leaf $0u_leaf(.d(d));
            endmodule
            """);
    }

    [Fact]
    public void A_signal_of_a_built_in_type_has_no_type_definition()
    {
        CheckTypeDefinition("""
            module m(input logic clk, output logic q);
              always_ff @(posedge clk) $0q <= 1'b0;
            endmodule
            """);
    }

    [Fact]
    public void The_type_of_a_vhdl_signal_is_its_record_type_in_a_used_package()
    {
        CheckTypeDefinition("""
            //- /rtl/pkg.vhd
            package defs is
              type bus_rec is record
            --     ^^^^^^^ def
                addr : bit_vector(7 downto 0);
              end record;
            end package;
            //- /rtl/a.vhd
            use work.defs.all;
            entity e is end entity;
            architecture rtl of e is
              signal b : work.defs.bus_rec;
            begin
              $0b.addr <= (others => '0');
            end architecture;
            """);
    }

    // ---------------------------------------------------------------------------------------------
    // Check helpers

    private static void CheckDefinition(string fixture) => CheckLocationsFound(fixture, SymbolNavigation.FindDefinition);

    private static void CheckTypeDefinition(string fixture) => CheckLocationsFound(fixture, SymbolNavigation.FindTypeDefinition);

    /// <summary>The locations found from the cursor are exactly the ones marked `def`.</summary>
    private static void CheckLocationsFound(string fixture, Func<WorkspaceIndex, string, LinePosition, ImmutableArray<Location>> find)
    {
        var parsed = NavigationFixture.Parse(fixture);
        Assert.NotNull(parsed.CursorPath);
        var found = find(parsed.Index, parsed.CursorPath, parsed.Cursor)
            .Select(location => NavigationFixture.Mark(location, string.Empty).ToString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(parsed.Expected("def"), found);
    }

    private static void CheckReferences(string fixture)
    {
        var parsed = NavigationFixture.Parse(fixture);
        Assert.NotNull(parsed.CursorPath);
        var found = SymbolNavigation.FindReferences(parsed.Index, parsed.CursorPath, parsed.Cursor, ReferenceSearchOptions.Default, CancellationToken.None)
            .Select(location => NavigationFixture.Mark(location, string.Empty).ToString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(parsed.Expected("def", "ref"), found);
    }

    private static void CheckUnresolved(string fixture)
    {
        var parsed = NavigationFixture.Parse(fixture);
        var expected = parsed.Marks.Select(mark => $"{mark.Path}:{mark.Line + 1}:{mark.Start + 1}-{mark.End + 1} {mark.Label}").Order(StringComparer.Ordinal);
        var found = parsed.Index.Bindings.Diagnostics
            .Select(diagnostic => $"{NavigationFixture.Mark(diagnostic.Location, string.Empty).ToString().TrimEnd()} {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.Message}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, found);
    }
}
