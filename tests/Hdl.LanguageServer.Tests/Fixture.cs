using System.Text;
using System.Text.RegularExpressions;

namespace Hdl.LanguageServer.Tests;

/// <summary>A marked range from an annotation comment: `// ^^^^ label` (or `-- ^^^^ label`) under the line it marks.</summary>
internal sealed record Annotation(string Path, int Line, int StartCharacter, int EndCharacter, string Label);

/// <summary>
/// A multi-file fixture (STYLE §4): `//- /rtl/top.sv` starts a file, `$0` marks the cursor, and an annotation comment
/// marks a range on the line above it. Meta lines and cursor markers are removed; annotation comments stay (they are
/// comments in both languages).
/// </summary>
internal sealed partial class Fixture
{
    private Fixture(Dictionary<string, string> files, string? cursorPath, int cursorLine, int cursorCharacter, List<Annotation> annotations)
    {
        Files = files;
        CursorPath = cursorPath;
        CursorLine = cursorLine;
        CursorCharacter = cursorCharacter;
        Annotations = annotations;
    }

    /// <summary>Relative path (without the leading slash) to text.</summary>
    public Dictionary<string, string> Files { get; }

    public string? CursorPath { get; }

    public int CursorLine { get; }

    public int CursorCharacter { get; }

    public List<Annotation> Annotations { get; }

    public static Fixture Parse(string text)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var annotations = new List<Annotation>();
        string? cursorPath = null;
        int cursorLine = 0, cursorCharacter = 0;
        string current = "top.sv";
        var content = new StringBuilder();
        var lineNumber = 0;
        void Store()
        {
            if (content.Length > 0 || !files.ContainsKey(current))
            {
                files[current] = content.ToString();
            }
        }

        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (rawLine.StartsWith("//- ", StringComparison.Ordinal))
            {
                if (content.Length > 0)
                {
                    Store();
                }

                current = rawLine[4..].Trim().Split(' ')[0].TrimStart('/');
                content.Clear();
                lineNumber = 0;
                continue;
            }

            var line = rawLine;
            var marker = line.IndexOf("$0", StringComparison.Ordinal);
            if (marker >= 0)
            {
                cursorPath = current;
                cursorLine = lineNumber;
                cursorCharacter = marker;
                line = line.Remove(marker, 2);
            }

            if (AnnotationPattern().Match(line) is { Success: true } match && lineNumber > 0)
            {
                var carets = match.Groups["carets"];
                annotations.Add(new Annotation(current, lineNumber - 1, carets.Index, carets.Index + carets.Length, match.Groups["label"].Value.Trim()));
            }

            content.Append(line).Append('\n');
            lineNumber++;
        }

        Store();
        return new Fixture(files, cursorPath, cursorLine, cursorCharacter, annotations);
    }

    [GeneratedRegex(@"^\s*(//|--)\s*(?<carets>\^+)\s*(?<label>.*)$")]
    private static partial Regex AnnotationPattern();
}
