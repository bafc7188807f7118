namespace Hdl.Syntax.Tests.Vhdl;

/// <summary>
/// Broken VHDL is rejected where GHDL rejects it. Each fixture was checked by hand with
/// `ghdl -i --std=08` (GHDL 2.0.0); its first diagnostic is on the line GHDL reports, and the comment
/// above each test quotes GHDL. Later diagnostics document today's recovery.
/// </summary>
public class VhdlDiagnosticTests
{
    // GHDL 3:17: missing ";" at end of object declaration
    [Fact]
    public void Missing_semicolon_after_declaration() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit
--              ^ error HDL1001: missing ';' before 'signal'
  signal t : bit;
begin
end architecture;
""");

    // GHDL 9:5: "end" must be followed by 'process'
    [Fact]
    public void Process_without_end_process() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit;
begin
  p : process
  begin
    s <= '1';
    wait;
end architecture;
--  ^^^^^^^^^^^^ error HDL1001: unexpected 'architecture', expected 'postponed' or 'process'
""");

    // GHDL 3:35: ')' is expected instead of ';'
    [Fact]
    public void Unbalanced_parenthesis_in_constraint() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit_vector(3 downto 0;
--                                ^ error HDL1001: unexpected ';', expected '<<' or '(' or BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
begin
end architecture;
""");

    // GHDL 8:9: 'then' is expected here
    [Fact]
    public void If_without_then() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
begin
  process
    variable v : integer;
  begin
    if v = 1
      v := 2;
--      ^^ error HDL1001: unexpected ':=', expected 'then'
    end if;
--      ^^ error HDL1001: unexpected 'if', expected 'postponed' or 'process'
    wait;
  end process;
--    ^^^^^^^ error HDL1001: unexpected 'process', expected 'architecture' or ';' or CHARACTER_LITERAL or STRING_LITERAL or BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
  end architecture;
--                ^ error HDL1001: unexpected ';', expected BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
""");

    // GHDL 4:16: extra ';' at end of interface list
    [Fact]
    public void Semicolon_after_last_port() => CheckDiagnostics("""
entity e is
  port (
    a : in bit;
    b : out bit;
--             ^ error HDL1001: extra ';' before ')': the last element of a list has no ';'
  );
end entity;
""");

    // GHDL 2:21: 'is' is expected instead of 'begin'
    [Fact]
    public void Architecture_without_is() => CheckDiagnostics("""
entity e is end entity;
architecture a of e begin
--                  ^^^^^ error HDL1001: unexpected 'begin', expected 'is'
end architecture;
""");

    // GHDL 9:7: 'if' is expected instead of 'process'
    [Fact]
    public void If_without_end_if() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
begin
  process
  begin
    if true then
      null;
    wait;
  end process;
--    ^^^^^^^ error HDL1001: unexpected 'process', expected 'if'
end architecture;
""");

    // GHDL 5:5: ':=' not allowed in concurrent statement, replaced by '<='
    [Fact]
    public void Variable_assignment_in_architecture() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit;
begin
  s := '1';
--  ^^ error HDL1001: unexpected ':='
end architecture;
""");

    // GHDL 6:6: 'generate' is expected instead of '('
    [Fact]
    public void For_generate_without_generate() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit_vector(3 downto 0);
begin
  g : for i in 0 to 3
    s(i) <= '0';
--   ^ error HDL1001: unexpected '(', expected 'generate'
  end generate;
end architecture;
""");

    // GHDL 8:14: '=>' is expected instead of 'null'
    [Fact]
    public void Case_alternative_without_arrow() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
begin
  process
    variable v : integer;
  begin
    case v is
      when 0 null;
--           ^^^^ error HDL1001: unexpected 'null', expected '=>'
      when others => null;
    end case;
    wait;
  end process;
end architecture;
""");

    // GHDL 6:25: ')' is expected instead of ';'
    [Fact]
    public void Port_map_without_closing_parenthesis() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  component c port (x : in bit); end component;
  signal s : bit;
begin
  u : c port map (x => s;
--                      ^ error HDL1001: unexpected ';', expected ')'
end architecture;
""");

    // GHDL 2:3: 'is' is expected instead of 'port'
    [Fact]
    public void Entity_without_is() => CheckDiagnostics("""
entity e
  port (a : in bit);
--^^^^ error HDL1001: unexpected 'port', expected 'is'
end entity;
""");

    // GHDL 3:31: string cannot be multi-line, use concatenation
    [Fact]
    public void Unterminated_string() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  constant c : string := "abc;
--                       ^^^^^ error HDL1201: string literal is not closed on this line
--                            ^ error HDL1001: missing ';' before 'begin'
begin
end architecture;
""");

    // GHDL 5:12: character '$' can only be used in strings or comments
    [Fact]
    public void Stray_character() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
  signal s : bit;
begin
  s <= '1' $ '0';
--         ^ error HDL1002: unexpected character '$'
--           ^^^ error HDL1001: unexpected ''0'', expected ';'
end architecture;
""");

    // GHDL 7:5: 'end' is expected instead of 'else'
    [Fact]
    public void Else_without_if() => CheckDiagnostics("""
entity e is end entity;
architecture a of e is
begin
  process
  begin
    null;
    else
--  ^^^^ error HDL1001: unexpected 'else', expected 'end'
    wait;
  end process;
--    ^^^^^^^ error HDL1001: unexpected 'process', expected 'architecture' or ';' or CHARACTER_LITERAL or STRING_LITERAL or BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
  end architecture;
--                ^ error HDL1001: unexpected ';', expected BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
""");

    // GHDL 2:27: primary expression expected
    [Fact]
    public void Missing_initial_value() => CheckDiagnostics("""
package p is
  constant c : integer := ;
--                        ^ error HDL1001: unexpected ';'
end package;
""");

    // GHDL 2:31: unexpected token '*' in a primary
    [Fact]
    public void Two_operators_in_a_row() => CheckDiagnostics("""
package p is
  constant c : integer := 1 + * 2;
--                            ^ error HDL1001: unexpected '*'
end package;
""");

    // GHDL 2:14: ':' is expected instead of "integer"
    [Fact]
    public void Declaration_without_colon() => CheckDiagnostics("""
package p is
  constant c integer := 1;
--           ^^^^^^^ error HDL1001: unexpected 'integer', expected ':'
end package;
""");

    [Fact]
    public void Correct_code_has_no_diagnostics() => CheckDiagnostics("""
library ieee;
use ieee.std_logic_1164.all;
entity e is
  port (clk : in std_logic; q : out std_logic);
end entity e;
architecture rtl of e is
begin
  q <= clk when rising_edge(clk) else '0';
end architecture rtl;
""");

    [Fact]
    public void Errors_in_one_unit_keep_the_next_unit() => CheckDiagnostics("""
package broken is
  constant c : integer := 1 +;
--                           ^ error HDL1001: unexpected ';'
end package;
entity fine is
end entity;
""", expectedUnits: ["package_declaration", "entity_declaration"]);

    [Fact]
    public void A_use_clause_cut_short_keeps_the_entity_after_it() => CheckDiagnostics("""
library ieee;
use work.
  entity e is
--^^^^^^ error HDL1001: unexpected 'entity', expected 'all' or CHARACTER_LITERAL or STRING_LITERAL or BASIC_IDENTIFIER or EXTENDED_IDENTIFIER
  port (a : in bit);
end entity;
architecture rtl of e is
begin
end architecture;
""", expectedUnits: ["entity_declaration", "architecture_body"]);

    private static void CheckDiagnostics(string fixture, string[]? expectedUnits = null)
    {
        var tree = VhdlFixture.Parse(fixture);
        var actual = tree.Diagnostics.Select(VhdlFixture.Render).ToList();
        Assert.Equal(VhdlFixture.ExpectedDiagnostics(fixture), actual);
        if (expectedUnits is not null)
        {
            var units = tree.Root.DescendantsAndSelf().Where(n => n.Kind == "library_unit").Select(n => n.ChildNodes[0].Kind);
            Assert.Equal(expectedUnits, units);
        }
    }
}
