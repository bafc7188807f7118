using System.Text;
using Antlr4.Runtime;
using Hdl.Syntax.Text;
using Hdl.Syntax.Vhdl;

namespace Hdl.Syntax.Tests.Vhdl;

/// <summary>
/// The hand-written <see cref="VhdlScanner"/> is the lexer of grammars/VhdlLexer.g4 made fast: for any text it must
/// produce the tokens the generated lexer produces (type, channel, offsets, line, column, text). The generated lexer
/// is the specification here; every input below is lexed by both.
/// </summary>
public class VhdlScannerTests
{
    [Theory]
    [InlineData("entity Foo is port (a : in std_logic; b : out bit_vector(3 downto 0)); end entity;")]
    [InlineData("x := s'event and f(y)'length = t'('a') and p.all'length; y := ''';")]
    [InlineData("x := 12UX\"F\" & x\"FF\" & B\"1010_0101\" & O\"17\" & D\"255\" & 8SX\"F-\" & sb\"01\";")]
    [InlineData("x := 16#FF# + 2#1010#E3 + 16#F.8#e-2 + 1_000.5E+3 + 1e3 + 1.5 + 1. + 1e + 1e+ + 16#FF + 16#F.# + 1__0 + 2#1#e;")]
    [InlineData("x := \"say \"\"hi\"\"\" & \"\" & \"a\"\"\" & \"\"\"\";")]
    [InlineData("x := \\odd name\\ + \\a\\\\b\\ + \\\\ + \\a\\\\\n + \\\\\\a\\;")]
    [InlineData("x ?= y ?/= z ?< ?<= ?> ?>= ?? ?/ ?x <<>> <= >= => ** := /= <> < > = * / : ! | [ ] { } @ ^ & $ % # ~ _ ;")]
    [InlineData("a <= b; -- psl assert always a;\r\n/* multi\nline */ b /*/ still */ c `protect begin\r\nd")]
    [InlineData("a /* never closed\n * at all *")]
    [InlineData("s <= \"unterminated\nt <= x\"also\n;")]
    [InlineData("a_b a__b a_ _a ab1 1ab x\"\" ub\"1\" uz\"1\" \u00E9t\u00E9 \u00C9T\u00C9 \u00FFx \u00D7 \u00F7 \u00DF")]
    [InlineData("\t\f\v\u00A0x\r\r\ny\n\n  z")]
    [InlineData("f(x)'image(1) a(1)'('b') arr]'c' all 'd' ALL'e'")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("'")]
    [InlineData("'a")]
    [InlineData("x\"")]
    [InlineData("16#")]
    public void Matches_the_generated_lexer(string source) => CheckSameTokens(source);

    [Fact]
    public void Matches_the_generated_lexer_for_every_character_in_every_position()
    {
        string[] contexts = ["a{0}b", "{0}", "'{0}'", "x\"{0}\"", "\\{0}\\", "16#{0}#", "1{0}2", "\"{0}\"", "-- {0}\nz", "a_{0}"];
        for (var code = 0; code < 0x250; code++)
        {
            foreach (var context in contexts)
            {
                CheckSameTokens(string.Format(System.Globalization.CultureInfo.InvariantCulture, context, (char)code));
            }
        }

        foreach (var code in new[] { 0x1E9E, 0x212A, 0x2028, 0xFEFF, 0xD800, 0xFFFF })
        {
            foreach (var context in contexts)
            {
                CheckSameTokens(string.Format(System.Globalization.CultureInfo.InvariantCulture, context, (char)code));
            }
        }
    }

    [Fact]
    public void Matches_the_generated_lexer_on_random_mixtures_of_lexical_fragments()
    {
        string[] fragments =
        [
            "a", "Z", "e", "E", "x", "X", "u", "s", "b", "d", "1", "0", "_", "#", ".", "'", "\"", "\\", "-", "/", "*", "+",
            "=", "<", ">", "?", ":", ";", "(", ")", "]", "`", " ", "\n", "\r", "\t", "all", "end", "ENTITY", "ub", "sx",
            "16#", "--", "/*", "*/", "\u00E9", "!", "|", "&", "$",
        ];
        var random = new Random(20261125);
        var builder = new StringBuilder();
        for (var sample = 0; sample < 3000; sample++)
        {
            builder.Clear();
            var length = random.Next(1, 40);
            for (var i = 0; i < length; i++)
            {
                builder.Append(fragments[random.Next(fragments.Length)]);
            }

            CheckSameTokens(builder.ToString());
        }
    }

    private static void CheckSameTokens(string source)
    {
        var text = SourceText.From("/test.vhd", source);
        var lexer = new VhdlLexer(new AntlrInputStream(source));
        lexer.RemoveErrorListeners();
        lexer.TokenFactory = new HdlTokenFactory(text);
        var scanner = new VhdlScanner(text);
        while (true)
        {
            var expected = lexer.NextToken();
            var actual = scanner.NextToken();
            Assert.True(
                Describe(expected) == Describe(actual),
                $"source {Escape(source)}: generated lexer {Describe(expected)}, scanner {Describe(actual)}");
            if (expected.Type == TokenConstants.EOF)
            {
                return;
            }
        }
    }

    private static string Describe(IToken token) =>
        $"{VhdlLexer.DefaultVocabulary.GetSymbolicName(token.Type) ?? token.Type.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        $"@{token.Channel} [{token.StartIndex},{token.StopIndex}] {token.Line}:{token.Column} {Escape(token.Text)}";

    private static string Escape(string? value) =>
        value is null ? "(null)" : string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
