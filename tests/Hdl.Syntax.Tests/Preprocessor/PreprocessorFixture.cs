using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests.Preprocessor;

/// <summary>
/// Reads a preprocessor fixture: `//- /path` lines start another file (the first file is the main one;
/// without such a line the fixture is /main.sv), `// ^^^ error HDL1104: message` lines mark an expected
/// diagnostic on the nearest line above that is not a marker.
/// </summary>
internal sealed class PreprocessorFixture : IIncludeSource
{
    private const string MainPath = "/main.sv";
    private readonly Dictionary<string, SourceText> _files = new(StringComparer.Ordinal);

    private PreprocessorFixture(SourceText main, List<string> expectedDiagnostics)
    {
        Main = main;
        ExpectedDiagnostics = expectedDiagnostics;
    }

    public SourceText Main { get; }

    public List<string> ExpectedDiagnostics { get; }

    /// <summary>Every Resolve call, as "name from including-path", to check that a run resolves each include once.</summary>
    public List<string> ResolveCalls { get; } = [];

    public static PreprocessorFixture Parse(string fixture)
    {
        var files = new List<(string Path, StringBuilder Text)>();
        var expected = new List<string>();
        var lines = fixture.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var line in lines)
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                files.Add((line[4..].Trim(), new StringBuilder()));
                continue;
            }

            if (files.Count == 0)
            {
                files.Add((MainPath, new StringBuilder()));
            }

            files[^1].Text.Append(line).Append('\n');
        }

        // The fixture's last line break is the raw string's, not the file's.
        var sources = new List<SourceText>();
        foreach (var (path, text) in files)
        {
            var content = text.ToString();
            if (content.EndsWith('\n'))
            {
                content = content[..^1];
            }

            var source = SourceText.From(path, content);
            sources.Add(source);
            CollectMarkers(source, expected);
        }

        var result = new PreprocessorFixture(sources[0], expected);
        foreach (var source in sources)
        {
            result._files[source.Path] = source;
        }

        return result;
    }

    public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories)
    {
        ResolveCalls.Add($"{includeName} from {includingFilePath}");
        var candidates = new List<string> { Combine(Folder(includingFilePath), includeName) };
        foreach (var directory in includeDirectories)
        {
            candidates.Add(Combine(directory, includeName));
        }

        foreach (var candidate in candidates)
        {
            if (_files.TryGetValue(candidate, out var text))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A diagnostic as the markers write it: path:line:column+length severity id: message.</summary>
    public static string Render(Hdl.Syntax.Diagnostics.Diagnostic diagnostic, IReadOnlyDictionary<string, SourceText> files)
    {
        var location = diagnostic.Location;
        var length = location.Span.Length;
        if (location.End.Line != location.Start.Line && files.TryGetValue(location.Path, out var file))
        {
            // A span over several lines is marked up to the end of its first line.
            var lineEnd = file.Lines.GetLineStart(location.Start.Line + 1);
            length = file.Text.AsSpan(location.Span.Start, lineEnd - location.Span.Start).TrimEnd("\r\n").Length;
        }

        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return $"{location.Path}:{location.Start.Line + 1}:{location.Start.Character + 1}+{Math.Max(1, length)} {severity} {diagnostic.Id}: {diagnostic.Message}";
    }

    public IReadOnlyDictionary<string, SourceText> Files => _files;

    private static void CollectMarkers(SourceText source, List<string> expected)
    {
        var lines = source.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsMarker(lines[i]))
            {
                continue;
            }

            var caretStart = lines[i].IndexOf('^', StringComparison.Ordinal);
            var caretEnd = caretStart;
            while (caretEnd < lines[i].Length && lines[i][caretEnd] == '^')
            {
                caretEnd++;
            }

            var target = i - 1;
            while (target >= 0 && IsMarker(lines[target]))
            {
                target--;
            }

            var label = lines[i][caretEnd..].Trim();
            var space = label.IndexOf(' ', StringComparison.Ordinal);
            expected.Add($"{source.Path}:{target + 1}:{caretStart + 1}+{caretEnd - caretStart} {label[..space]} {label[(space + 1)..]}");
        }
    }

    /// <summary>A line that is `//`, spaces, then carets.</summary>
    public static bool IsMarker(string line)
    {
        var slashes = line.IndexOf("//", StringComparison.Ordinal);
        if (slashes < 0)
        {
            return false;
        }

        var rest = line.AsSpan(slashes + 2).TrimStart(' ');
        return rest.Length > 0 && rest[0] == '^';
    }

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static string Combine(string folder, string name)
    {
        if (name.StartsWith('/'))
        {
            return name;
        }

        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }
}

/// <summary>The check helpers every preprocessor test calls (STYLE §4): one place touches the preprocessor API.</summary>
public abstract class PreprocessorTestBase
{
    private protected static PreprocessorOptions DefaultOptions { get; } = PreprocessorOptions.Default with { IncludeDirectories = ["/inc"] };

    /// <summary>The tokens the parser gets, texts joined by spaces, and exactly the diagnostics the fixture marks.</summary>
    private protected static void CheckPreprocessed(string fixture, string expectedTokens, PreprocessorOptions? options = null, LanguageVersion version = LanguageVersion.SystemVerilog2017)
    {
        var (parsed, output) = Run(fixture, options, version);
        var texts = new List<string>();
        for (var index = 0; index < output.Tokens.Count; index++)
        {
            var token = output.Tokens[index];
            if (token.Type != TokenConstants.EOF)
            {
                texts.Add(token.Text);
            }
            else
            {
                // The parser stops at the first end of file: one may stand only at the very end.
                Assert.True(index == output.Tokens.Count - 1, $"end of file at token {index} of {output.Tokens.Count}");
            }
        }

        AssertText(expectedTokens, string.Join(' ', texts));
        AssertDiagnostics(parsed, output);
    }

    /// <summary>Exactly the diagnostics the fixture marks, whatever the tokens.</summary>
    private protected static void CheckDiagnostics(string fixture, PreprocessorOptions? options = null, LanguageVersion version = LanguageVersion.SystemVerilog2017)
    {
        var (parsed, output) = Run(fixture, options, version);
        AssertDiagnostics(parsed, output);
    }

    /// <summary>
    /// Every output token as `text kind path:line:column`, then its expansion chain, one `&lt;- MACRO at path:line:column`
    /// per level, so tests see where each token comes from.
    /// </summary>
    private protected static void CheckLocations(string fixture, string expected, PreprocessorOptions? options = null, LanguageVersion version = LanguageVersion.SystemVerilog2017)
    {
        var (parsed, output) = Run(fixture, options, version);
        var vocabulary = Hdl.Syntax.Verilog.SystemVerilogLexer.DefaultVocabulary;
        var text = new StringBuilder();
        foreach (var token in output.Tokens)
        {
            if (token.Type == TokenConstants.EOF)
            {
                continue;
            }

            text.Append($"{token.Text} {vocabulary.GetSymbolicName(token.Type)} {token.File.Path}:{token.Line}:{token.Column + 1}");
            for (var expansion = token.Expansion; expansion is not null; expansion = expansion.Parent)
            {
                text.Append($" <- {expansion.MacroName} at {expansion.CallSite}");
            }

            text.Append('\n');
        }

        AssertText(expected.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), text.ToString().Trim());
        AssertDiagnostics(parsed, output);
    }

    /// <summary>What the preprocessor tells the editor: includes, include sites, inactive regions, macros, comments.</summary>
    private protected static void CheckFacts(string fixture, string expected, PreprocessorOptions? options = null)
    {
        var (parsed, output) = Run(fixture, options, LanguageVersion.SystemVerilog2017);
        var text = new StringBuilder();
        foreach (var include in output.Facts.Includes)
        {
            text.Append($"include {include.IncludeName} at {include.DirectiveLocation} -> {include.ResolvedPath ?? "(not found)"}\n");
        }

        var sites = new List<string>(output.IncludeSites.Keys);
        sites.Sort(StringComparer.Ordinal);
        foreach (var path in sites)
        {
            text.Append($"site {path}: {parsed.Main.GetText(output.IncludeSites[path])}\n");
        }

        foreach (var region in output.Facts.InactiveRegions)
        {
            var start = parsed.Main.Lines.GetPosition(region.Start);
            var end = parsed.Main.Lines.GetPosition(region.End);
            text.Append($"inactive {start}-{end}: {parsed.Main.GetText(region).Trim().Replace("\n", "|", StringComparison.Ordinal)}\n");
        }

        foreach (var macro in output.Facts.Macros)
        {
            var parameters = macro.Parameters is { } list ? "(" + string.Join(", ", list) + ")" : string.Empty;
            text.Append($"macro {macro.Name}{parameters} = {macro.Body} at {macro.DefinedAt?.ToString() ?? "options"}\n");
        }

        foreach (var comment in output.Comments)
        {
            if (!PreprocessorFixture.IsMarker(comment.Text))
            {
                text.Append($"comment {comment.Text}\n");
            }
        }

        text.Append($"resolve calls {parsed.ResolveCalls.Count}\n");
        AssertText(expected.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), text.ToString().Trim());
        AssertDiagnostics(parsed, output);
    }

    /// <summary>For fuzzing: the preprocessor must finish without throwing, whatever the input.</summary>
    private protected static int CheckNeverThrows(string text, PreprocessorOptions? options = null)
    {
        var fixture = PreprocessorFixture.Parse(text);
        var output = SvPreprocessor.Run(fixture.Main, LanguageVersion.SystemVerilog2017, options ?? DefaultOptions, fixture, CancellationToken.None);
        Assert.Equal(TokenConstants.EOF, output.Tokens[^1].Type);
        return output.Tokens.Count;
    }

    private static (PreprocessorFixture Fixture, PreprocessorOutput Output) Run(string fixture, PreprocessorOptions? options, LanguageVersion version)
    {
        var parsed = PreprocessorFixture.Parse(fixture);
        var output = SvPreprocessor.Run(parsed.Main, version, options ?? DefaultOptions, parsed, CancellationToken.None);
        Assert.Equal(TokenConstants.EOF, output.Tokens[^1].Type);
        return (parsed, output);
    }

    private static void AssertDiagnostics(PreprocessorFixture fixture, PreprocessorOutput output)
    {
        var actual = new List<string>();
        foreach (var diagnostic in output.Diagnostics)
        {
            actual.Add(PreprocessorFixture.Render(diagnostic, fixture.Files));
        }

        var expected = new List<string>(fixture.ExpectedDiagnostics);
        actual.Sort(StringComparer.Ordinal);
        expected.Sort(StringComparer.Ordinal);
        AssertText(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>Shows both texts in full on failure (xunit's string diff cuts long lines).</summary>
    private static void AssertText(string expected, string actual)
    {
        if (expected != actual)
        {
            Assert.Fail($"Expected:\n{expected}\n\nActual:\n{actual}\n");
        }
    }
}
