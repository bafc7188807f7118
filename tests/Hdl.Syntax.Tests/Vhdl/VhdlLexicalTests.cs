namespace Hdl.Syntax.Tests.Vhdl;

/// <summary>
/// Lexical rules of IEEE 1076-2008 clause 15: the tick rule, literals, identifiers, comments, and the
/// 1993 keyword set. Each test shows the token kinds the parser sees for one line of VHDL.
/// </summary>
public class VhdlLexicalTests
{
    [Theory]
    [InlineData("x := s'event;", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER TICK BASIC_IDENTIFIER SEMI")]
    [InlineData("x := f(y)'length;", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER LPAREN BASIC_IDENTIFIER RPAREN TICK BASIC_IDENTIFIER SEMI")]
    [InlineData("x := t'('a');", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER TICK LPAREN CHARACTER_LITERAL RPAREN SEMI")]
    [InlineData("x := std_logic'('1');", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER TICK LPAREN CHARACTER_LITERAL RPAREN SEMI")]
    [InlineData("x := ''';", "BASIC_IDENTIFIER VARASGN CHARACTER_LITERAL SEMI")]
    [InlineData("x := p.all'length;", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER DOT ALL TICK BASIC_IDENTIFIER SEMI")]
    [InlineData("x := a(1)'image(2);", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER LPAREN DECIMAL_LITERAL RPAREN TICK BASIC_IDENTIFIER LPAREN DECIMAL_LITERAL RPAREN SEMI")]
    [InlineData("x := (others => 'Z');", "BASIC_IDENTIFIER VARASGN LPAREN OTHERS ARROW CHARACTER_LITERAL RPAREN SEMI")]
    [InlineData("x := a /* c */ 'b';", "BASIC_IDENTIFIER VARASGN BASIC_IDENTIFIER TICK BASIC_IDENTIFIER TICK SEMI")]
    [InlineData("x := ('(', ')');", "BASIC_IDENTIFIER VARASGN LPAREN CHARACTER_LITERAL COMMA CHARACTER_LITERAL RPAREN SEMI")]
    public void Tick_or_character_literal_depends_on_the_previous_token(string line, string expectedKinds) =>
        CheckTokens(line, expectedKinds);

    [Theory]
    [InlineData("x := 12UX\"F\";", "BIT_STRING_LITERAL:12UX\"F\"")]
    [InlineData("x := x\"FF\";", "BIT_STRING_LITERAL:x\"FF\"")]
    [InlineData("x := B\"1010_0101\";", "BIT_STRING_LITERAL:B\"1010_0101\"")]
    [InlineData("x := O\"17\";", "BIT_STRING_LITERAL:O\"17\"")]
    [InlineData("x := D\"255\";", "BIT_STRING_LITERAL:D\"255\"")]
    [InlineData("x := 8SX\"F-\";", "BIT_STRING_LITERAL:8SX\"F-\"")]
    [InlineData("x := 16#FF#;", "BASED_LITERAL:16#FF#")]
    [InlineData("x := 2#1010#E3;", "BASED_LITERAL:2#1010#E3")]
    [InlineData("x := 16#F.8#e-2;", "BASED_LITERAL:16#F.8#e-2")]
    [InlineData("x := 1_000.5E+3;", "DECIMAL_LITERAL:1_000.5E+3")]
    [InlineData("x := \"say \"\"hi\"\"\";", "STRING_LITERAL:\"say \"\"hi\"\"\"")]
    [InlineData("x := \\odd name\\;", "EXTENDED_IDENTIFIER:\\odd name\\")]
    [InlineData("x := \\a\\\\b\\;", "EXTENDED_IDENTIFIER:\\a\\\\b\\")]
    public void Literals_and_identifiers(string line, string expectedLiteral) =>
        CheckTokens(line, "BASIC_IDENTIFIER VARASGN " + expectedLiteral + " SEMI", withText: true);

    [Theory]
    [InlineData("ENTITY Foo IS END;", "ENTITY BASIC_IDENTIFIER IS END SEMI")]
    [InlineData("eNtItY foo iS eNd;", "ENTITY BASIC_IDENTIFIER IS END SEMI")]
    [InlineData("x ?= y ?/= z ?< ?<= ?> ?>= ?? <<>>", "BASIC_IDENTIFIER MATCH_EQ BASIC_IDENTIFIER MATCH_NE BASIC_IDENTIFIER MATCH_LT MATCH_LE MATCH_GT MATCH_GE CONDITION_OPERATOR DOUBLE_LESS DOUBLE_GREATER")]
    [InlineData("a <= b; -- psl assert always a;\n", "BASIC_IDENTIFIER LE BASIC_IDENTIFIER SEMI")]
    [InlineData("a /* multi\nline */ b", "BASIC_IDENTIFIER BASIC_IDENTIFIER")]
    [InlineData("`protect begin\na", "BASIC_IDENTIFIER")]
    public void Keywords_operators_and_trivia(string line, string expectedKinds) =>
        CheckTokens(line, expectedKinds);

    [Theory]
    [InlineData("context", "BASIC_IDENTIFIER", "CONTEXT")]
    [InlineData("force", "BASIC_IDENTIFIER", "FORCE")]
    [InlineData("release", "BASIC_IDENTIFIER", "RELEASE")]
    [InlineData("parameter", "BASIC_IDENTIFIER", "PARAMETER")]
    [InlineData("default", "BASIC_IDENTIFIER", "DEFAULT")]
    [InlineData("vunit", "BASIC_IDENTIFIER", "VUNIT")]
    [InlineData("sequence", "BASIC_IDENTIFIER", "SEQUENCE")]
    [InlineData("protected", "PROTECTED", "PROTECTED")]
    [InlineData("signal", "SIGNAL", "SIGNAL")]
    public void Keywords_new_in_2008_are_identifiers_in_1993(string word, string kind1993, string kind2008)
    {
        CheckTokens(word, kind1993, version: LanguageVersion.Vhdl1993);
        CheckTokens(word, kind2008, version: LanguageVersion.Vhdl2008);
    }

    [Fact]
    public void A_1993_file_may_name_a_signal_context()
    {
        const string Source = """
entity e is end;
architecture a of e is
  signal context, force : bit;
begin
  force <= context;
end;
""";
        Assert.Empty(VhdlFixture.Parse(Source, LanguageVersion.Vhdl1993).Diagnostics);
        Assert.NotEmpty(VhdlFixture.Parse(Source, LanguageVersion.Vhdl2008).Diagnostics);
    }

    [Fact]
    public void Comments_are_trivia_in_order()
    {
        var tree = VhdlFixture.Parse("-- one\nentity e is /* two */ end; -- psl three\n");
        Assert.Equal(["-- one", "/* two */", "-- psl three"], tree.Comments.Select(c => c.Text));
    }

    private static void CheckTokens(string source, string expected, bool withText = false, LanguageVersion version = LanguageVersion.Vhdl2008)
    {
        var tree = VhdlFixture.Parse(source, version);
        var actual = string.Join(' ', tree.Tokens.Select(t => withText && t.KindName.EndsWith("LITERAL", StringComparison.Ordinal) || t.KindName == "EXTENDED_IDENTIFIER" && withText ? $"{t.KindName}:{t.Text}" : t.KindName));
        Assert.Equal(expected, actual);
    }
}
