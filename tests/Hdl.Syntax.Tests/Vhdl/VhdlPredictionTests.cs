using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Hdl.Syntax.Text;
using Hdl.Syntax.Vhdl;

namespace Hdl.Syntax.Tests.Vhdl;

/// <summary>
/// <see cref="VhdlPrediction"/> answers some decisions of the SLL stage before ANTLR does. On valid input it must
/// build the tree ANTLR's own prediction builds, without falling back to the LL stage: every fixture below is parsed
/// by a plain generated parser and by <see cref="VhdlParser.WithShortcuts"/>, both in SLL mode, and the trees compared.
/// </summary>
public class VhdlPredictionTests
{
    private const string Prefix = "architecture a of e is\n";

    [Theory]
    // Statements after an optional label: signal, variable, call, selected assignments, keywords after a label.
    [InlineData(Prefix + "begin process begin s <= a; v := b; p; p(1, x => 2); l1: s(3 downto 0) <= x; l2: v := 1; l3: p(a); wait; end process; end;")]
    [InlineData(Prefix + "begin process begin with sel select s <= a when \"00\", b when others; with sel select v := a when '0', b when others;"
        + " l: with a <= b select s <= c when true, d when others; (a, b) <= t; (c, d) := u; end process; end;")]
    [InlineData(Prefix + "begin process begin l1: if a then null; end if; l2: for i in 0 to 3 loop next l2 when i = 2; exit; end loop;"
        + " l3: case x is when others => null; end case; l4: wait until clk = '1'; l5: assert a report \"r\"; l6: report \"x\"; l7: return; end process; end;")]
    [InlineData(Prefix + "begin process begin s <= force a; s <= release; s <= a after 1 ns, b after 2 ns; s <= a when c else b;"
        + " << signal .tb.x : bit >> <= '1'; f(a)(b).c <= d; x.all := 3; end process; end;")]
    // Concurrent statements: assignments, instances, calls, processes, blocks, generates, assertions.
    [InlineData(Prefix + "begin s <= a; l: s <= a when b else c; with x select s <= a when '1', b when others; p(x); l2: p(x); u1: c port map (a => b);"
        + " u2: entity work.e(rtl) generic map (n => 1) port map (x); u3: component c generic map (1); u4: c; u5: configuration work.cfg;"
        + " b1: block begin end block; g1: for i in 0 to 1 generate end generate; g2: if a generate end generate; g3: case x generate when others => end generate;"
        + " process begin end process; l3: process begin end process; postponed p(x); assert a; l4: assert b report \"r\"; (a, b) <= c; end;")]
    // Association lists: named, positional, open, conversions, ranges, nested parentheses before the arrow.
    [InlineData(Prefix + "begin u: c port map (a => b, c(1) => d, e(2 downto 0) => f(4 downto 2), to_integer(g) => h, open, i, j => open, k => (others => '0'));"
        + " s <= f(a, b => c, d(1 to 2), (e, f)); end;")]
    // Declarative items: subprogram declarations, bodies and instantiations; packages; attributes; resolution indications.
    [InlineData("package p is procedure a; procedure b(x : in integer; y : out bit); function c(x : bit) return bit; pure function d return t;"
        + " impure function e(s : string) return t; function f generic (type t) parameter (x : t) return t; procedure g is new h generic map (t => bit);"
        + " function i is new j [bit return bit] generic map (1); package q is new work.r generic map (n => 1); attribute k : string; attribute k of a : signal is \"x\";"
        + " subtype s1 is resolved std_logic; subtype s2 is std_logic_vector(3 downto 0); subtype s3 is (resolved) std_logic_vector; subtype s4 is work.p.res work.p.t range 0 to 1;"
        + " subtype s5 is f(x) t; subtype s6 is t'subtype; signal s7 : resolved std_ulogic := '0'; end package;")]
    [InlineData("package body p is procedure a is begin null; end procedure; function c(x : bit) return bit is variable v : bit; begin return x; end;"
        + " package q is generic (n : natural); end package; package body q is end package body; pure function d return t is begin end; end package body;")]
    // Names: selections, calls, slices, attributes, qualified expressions, signatures before an attribute.
    [InlineData(Prefix + "begin s <= a.b.c(1)(2 downto 0)'length + t'(others => '0') + f(x)'image(y) + g[bit return bit]'path_name + work.p.all'length + h.\"+\"(a, b); end;")]
    [InlineData("entity e is generic (n : natural := 4; type t; function f(x : t) return t is <>); port (a : in bit_vector(n - 1 downto 0); b : buffer resolved bit);"
        + " end entity; configuration c of e is for rtl for u : comp use entity work.x(y); end for; end for; end configuration;")]
    public void Shortcuts_build_the_tree_of_ANTLR_prediction(string source)
    {
        var plain = ParseSll(source, shortcuts: false);
        var shortcut = ParseSll(source, shortcuts: true);
        Assert.NotNull(plain);
        Assert.Equal(plain, shortcut);
    }

    /// <summary>The tree in LISP form, or null when the SLL stage gives up (an error or an SLL conflict it cannot settle).</summary>
    private static string? ParseSll(string source, bool shortcuts)
    {
        var text = SourceText.From("test.vhd", source);
        var scanner = new VhdlScanner(text);
        var tokens = new List<IToken>();
        while (true)
        {
            var token = scanner.NextToken();
            if (token.Type == TokenConstants.EOF)
            {
                tokens.Add(token);
                break;
            }

            if (token.Channel == TokenConstants.DefaultChannel)
            {
                tokens.Add(token);
            }
        }

        var stream = new CommonTokenStream(new ListTokenSource(tokens));
        var parser = shortcuts ? VhdlParser.WithShortcuts(stream) : new VhdlParser(stream);
        parser.RemoveErrorListeners();
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            return parser.design_file().ToStringTree(parser);
        }
        catch (ParseCanceledException)
        {
            return null;
        }
    }
}
