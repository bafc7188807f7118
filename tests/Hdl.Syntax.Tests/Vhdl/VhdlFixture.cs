using System.Text.RegularExpressions;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests.Vhdl;

/// <summary>
/// VHDL fixtures: the source is the fixture itself (markers are comments, so they stay in it), and a line
/// `-- ^^^ error HDL1001: message` marks an expected diagnostic on the nearest line above that is not a marker;
/// the first caret is the diagnostic's column and the carets its length (at least one).
/// </summary>
internal static partial class VhdlFixture
{
    public static SyntaxTree Parse(string fixture, LanguageVersion version = LanguageVersion.Vhdl2008) =>
        SyntaxParser.Parse(SourceText.From("/test.vhd", fixture), new ParseOptions { Language = HdlLanguage.Vhdl, VhdlVersion = version });

    /// <summary>The markers of a fixture in the rendered form of <see cref="Render"/>.</summary>
    public static List<string> ExpectedDiagnostics(string fixture)
    {
        var expected = new List<string>();
        var lines = fixture.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var target = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = MarkerPattern().Match(lines[i]);
            if (!match.Success)
            {
                target = i;
                continue;
            }

            var column = match.Groups["carets"].Index;
            expected.Add($"{target + 1}:{column + 1}+{match.Groups["carets"].Length} {match.Groups["severity"].Value} {match.Groups["id"].Value}: {match.Groups["message"].Value.TrimEnd()}");
        }

        return expected;
    }

    /// <summary>line:column+length severity id: message, with 1-based line and column.</summary>
    public static string Render(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var length = location.End.Line == location.Start.Line ? location.Span.Length : 1;
        return $"{location.Start.Line + 1}:{location.Start.Character + 1}+{Math.Max(1, length)} {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.Message}";
    }

    [GeneratedRegex(@"^\s*--\s*(?<carets>\^+)\s+(?<severity>error|warning) (?<id>HDL\d{4}): (?<message>.*)$")]
    private static partial Regex MarkerPattern();
}
