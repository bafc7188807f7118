using System.Globalization;
using System.Text;
using Antlr4.Runtime;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;
using Xunit.Abstractions;

namespace Hdl.Syntax.Tests.Verilog;

/// <summary>A fact that runs only when SV_SCANNER_CORPUS names directories of Verilog/SystemVerilog sources (colon-separated).</summary>
public sealed class ScannerCorpusFactAttribute : FactAttribute
{
    public const string Variable = "SV_SCANNER_CORPUS";

    public ScannerCorpusFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set; point it at source directories to compare the scanner with the generated lexer on every file.";
        }
    }
}

/// <summary>
/// The hand-written <see cref="SystemVerilogScanner"/> is the lexer of grammars/SystemVerilogLexer.g4 made fast: for
/// any text it must produce the tokens the generated lexer produces (type, channel, offsets, line, column, text), on
/// every channel. The generated lexer, with the preprocessor's one correction (`\`"` is MACRO_ESCAPED_QUOTE), is the
/// specification here; every input below is lexed by both.
/// </summary>
public class SystemVerilogScannerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("module m(input logic [7:0] a, output wire b); assign b = &a; endmodule")]
    [InlineData("wire \\bus[0] = \\a+b ; \\x\r\n \\\u000Bv \\")]
    [InlineData("x = 8'hFF + 8 'h FF + 'h\t1f + 4'b10?z + 'sb1_0 + 'SB1 + 12'o17x + 'd99_9 + 'dx__ + 'dz1 + 'd?_ + 'h_1 + 'b2 + 'o8 + 'd + 'q")]
    [InlineData("x = '1 + '0 + 'x + 'Z + '10 + 'zz + '{1, 2} + int'(y) + 's + 'S{ + 'sd 5 + 's d5 + '")]
    [InlineData("r = 1.5e-3 + 2.0 + 3e4 + 5E+6 + 1_0.0_1 + 1. + .5 + 1e + 1e+ + 1.5e + 1.e3 + 7_ + 1__2e_3")]
    [InlineData("#10ns a; #1.5us b; ##1step c; 1stepx 1ste 1s 2ms 3ps 4fs 5m 6steps 7nsx 1.5e3ns 8_ns 9.0s 1s_")]
    [InlineData("s = \"a\\\"b\\\\\" + \"tab\\t\" + \"line\\\ncontinued\" + \"crlf\\\r\nx\" + \"\" + \"/* no */ // nor\" + \"\"\"triple\"\"\"")]
    [InlineData("s = \"unterminated\nt = \"also\r\nu = \"end\\")]
    [InlineData("(* full_case *) (*) ( *) (** *) *) (* x = 1 *)")]
    [InlineData("a /* c1 */ b // c2\r\nc /* multi\nline ** / */ d /*/ e */ f /**/ g")]
    [InlineData("a /* never closed\n * at all *")]
    [InlineData("a /* never closed *")]
    [InlineData("x // comment at the end")]
    [InlineData("`define M(a, b) `\"a``b`\" \\\n  + `\\`\"a`\\`\" \\\r\n  `a\n`include \"f.svh\"\n`ifdef X `elsif Y `else `endif `M(1,2) `__FILE__ `` `\\esc `\\ `1 `")]
    [InlineData("`\\`\"x`\\`\"`\" `\\`x `\\`")]
    [InlineData("a <<<= b >>>= c <<= d >>= e === f !== g ==? h !=? i <<< j >>> k <-> l |-> m |=> n #-# o #=# p ->> q => r *> s")]
    [InlineData("a && b &&& c || d == e != f <= g >= h << i >> j += k -= l *= m /= n %= o &= p |= q ^= r ++ s -- t -> u ~& v ~| w ~^ x ^~")]
    [InlineData("a :: b := c +: d -: e .* f ## g @@ h '{ i + j - k * l / m % n ! o ~ p & q | r ^ s < t > u = v ? w : x ; y , z . # @ ( ) [ ] { } ' $")]
    [InlineData("<- <-x #- #= |- |= ->- --> <<<<= >>>>= === ==== !=== ==?? **) (*) ::: ..* ### @@@ '{{ && &&&& ~~ ^^ ~&& !=?x")]
    [InlineData("$display $unit $root $units $root_x $ $$ $1 $unit::x $root.top $_ $a$b")]
    [InlineData("logic bit int interface checker until s_until_with 1step uwire incdir include cell Logic LOGIC logic_ _logic logic$ alias9")]
    [InlineData("a\tb\fc\u000Bd  \t e\r\rf\r\ng\n\nh\r")]
    [InlineData("a\u00E9b \u00C0 \u0000 \u007F \u00A0 \uFEFF ~ ` \\ \" ")]
    [InlineData("")]
    [InlineData("`")]
    [InlineData("'")]
    [InlineData("\\")]
    [InlineData("\"")]
    [InlineData("/")]
    [InlineData("/*")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData("1e")]
    [InlineData("'s")]
    [InlineData("'h ")]
    [InlineData("$")]
    [InlineData("\r")]
    public void Matches_the_generated_lexer(string source) => CheckSameTokens(source);

    [Fact]
    public void Matches_the_generated_lexer_for_every_character_in_every_position()
    {
        string[] contexts =
        [
            "a{0}b", "{0}", "'{0}'", "\"{0}\"", "\\{0}\\ x", "`{0}", "`\\{0}", "$a{0}", "1{0}2", "1.{0}", "1e{0}", "'h{0}",
            "'d{0}", "'s{0}", "// {0}\nz", "/* {0} */", "a_{0}", "{0}{0}", "<{0}=", "#{0}#",
        ];
        for (var code = 0; code < 0x180; code++)
        {
            foreach (var context in contexts)
            {
                CheckSameTokens(string.Format(CultureInfo.InvariantCulture, context, (char)code));
            }
        }

        foreach (var code in new[] { 0x1E9E, 0x212A, 0x2028, 0xFEFF, 0xD800, 0xFFFF })
        {
            foreach (var context in contexts)
            {
                CheckSameTokens(string.Format(CultureInfo.InvariantCulture, context, (char)code));
            }
        }
    }

    [Fact]
    public void Matches_the_generated_lexer_on_random_mixtures_of_lexical_fragments()
    {
        string[] fragments =
        [
            "a", "Z", "e", "E", "x", "s", "b", "d", "h", "o", "n", "m", "step", "1", "0", "9", "_", "$", "#", ".", "'", "\"",
            "\\", "`", "-", "/", "*", "+", "=", "<", ">", "?", ":", ";", "(", ")", "{", "|", "&", "^", "~", "!", "@", " ",
            "\n", "\r", "\t", "module", "unit", "root", "/*", "*/", "//", "`\"", "``", "\u00E9",
        ];
        var random = new Random(20261126);
        var builder = new StringBuilder();
        for (var sample = 0; sample < 6000; sample++)
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

    /// <summary>Symbolic links are not followed: checkouts hold links that loop (cva6's submodules) or repeat files.</summary>
    private static readonly EnumerationOptions WithoutLinks = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    /// <summary>Every .v/.sv/.vh/.svh/.svi/.inc file under the directories named by SV_SCANNER_CORPUS.</summary>
    [ScannerCorpusFact]
    public void Matches_the_generated_lexer_on_every_corpus_file()
    {
        string[] extensions = [".v", ".sv", ".vh", ".svh", ".svi", ".inc", ".vlib"];
        var directories = Environment.GetEnvironmentVariable(ScannerCorpusFactAttribute.Variable)!.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var files = directories
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*", WithoutLinks))
            .Where(path => extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var differences = new List<string>();
        long tokens = 0;
        foreach (var path in files)
        {
            var source = File.ReadAllText(path);
            var difference = FirstDifference(source, out var count);
            tokens += count;
            if (difference is not null)
            {
                differences.Add($"{path}: {difference}");
            }
        }

        output.WriteLine($"{files.Count} files, {tokens} tokens compared, {differences.Count} files differ");
        Assert.True(files.Count > 0, "no source files found");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
    }

    private static void CheckSameTokens(string source)
    {
        var difference = FirstDifference(source, out _);
        Assert.True(difference is null, $"source {Escape(source)}: {difference}");
    }

    /// <summary>The first token where the two lexers differ, described; null when they agree throughout.</summary>
    private static string? FirstDifference(string source, out long count)
    {
        var text = SourceText.From("/test.sv", source);
        var lexer = new GeneratedLexer(text);
        lexer.RemoveErrorListeners();
        lexer.TokenFactory = new HdlTokenFactory(text);
        var scanner = new SystemVerilogScanner(text);
        count = 0;
        while (true)
        {
            var expected = lexer.NextToken();
            var actual = scanner.NextToken();
            count++;
            var expectedDescription = Describe(expected);
            var actualDescription = Describe(actual);
            if (expectedDescription != actualDescription)
            {
                return $"generated lexer {expectedDescription}, scanner {actualDescription}";
            }

            if (expected.Type == TokenConstants.EOF)
            {
                return null;
            }
        }
    }

    private static string Describe(IToken token) =>
        $"{SystemVerilogLexer.DefaultVocabulary.GetSymbolicName(token.Type) ?? token.Type.ToString(CultureInfo.InvariantCulture)}" +
        $"@{token.Channel} [{token.StartIndex},{token.StopIndex}] {token.Line}:{token.Column} {Escape(token.Text)}";

    private static string Escape(string? value) =>
        value is null ? "(null)" : string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>
    /// The generated lexer with the correction the preprocessor applied to it before the scanner replaced it:
    /// ESCAPED_DIRECTIVE (`'`' '\\' ~[ \t\r\n\f]+`) outmatches MACRO_ESCAPED_QUOTE, so `\`"x`\`"`" would be one token.
    /// </summary>
    private sealed class GeneratedLexer(SourceText file) : SystemVerilogLexer(new AntlrInputStream(file.Text))
    {
        private const string EscapedQuote = "`\\`\"";

        public override IToken NextToken()
        {
            var text = file.Text;
            var start = InputStream.Index;
            if (start + 3 < text.Length && string.CompareOrdinal(text, start, EscapedQuote, 0, EscapedQuote.Length) == 0)
            {
                var token = TokenFactory.Create(Tuple.Create<ITokenSource, ICharStream>(this, (ICharStream)InputStream), MACRO_ESCAPED_QUOTE, null, TokenConstants.DefaultChannel, start, start + 3, Line, Column);
                ((ICharStream)InputStream).Seek(start + 4);
                Column += 4;
                return token;
            }

            return base.NextToken();
        }
    }
}
