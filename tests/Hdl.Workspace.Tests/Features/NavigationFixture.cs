using System.Text;
using System.Text.RegularExpressions;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Features;

/// <summary>A marked range: the file, the line and the columns the carets of an annotation cover, and the annotation's label.</summary>
internal sealed record MarkedRange(string Path, int Line, int Start, int End, string Label)
{
    public override string ToString() => $"{Path}:{Line + 1}:{Start + 1}-{End + 1} {Label}";
}

/// <summary>
/// A multi-file fixture with `$0` for the cursor and annotation comments (`// ^^^ def`, `-- ^^^ def`) marking a range on
/// the line above. Annotations stay in the files (they are comments); `$0` is removed before analysis.
/// </summary>
internal sealed partial class NavigationFixture
{
    private NavigationFixture(WorkspaceIndex index, MemoryWorkspace workspace, string? cursorPath, LinePosition cursor, List<MarkedRange> marks)
    {
        Index = index;
        Workspace = workspace;
        CursorPath = cursorPath;
        Cursor = cursor;
        Marks = marks;
    }

    public WorkspaceIndex Index { get; }

    public MemoryWorkspace Workspace { get; }

    public string? CursorPath { get; }

    public LinePosition Cursor { get; }

    public List<MarkedRange> Marks { get; }

    public static NavigationFixture Parse(string fixture)
    {
        var parsed = ParseWithDiagnostics(fixture);
        Assert.All(parsed.Index.Files, file => Assert.True(file.Diagnostics.IsEmpty, $"{file.Path}: {string.Join("; ", file.Diagnostics)}"));
        return parsed;
    }

    /// <summary>The fixture as written, even when it does not parse cleanly (completion runs on lines being typed).</summary>
    public static NavigationFixture ParseWithDiagnostics(string fixture)
    {
        var text = new StringBuilder();
        var marks = new List<MarkedRange>();
        string? cursorPath = null;
        var cursor = default(LinePosition);
        var path = "/top.sv";
        var line = 0;
        var lastCodeLine = -1;
        foreach (var raw in fixture.Split('\n'))
        {
            if (raw.StartsWith("//- ", StringComparison.Ordinal))
            {
                path = raw[4..].Trim().Split(' ')[0];
                line = 0;
                lastCodeLine = -1;
                text.Append(raw).Append('\n');
                continue;
            }

            var content = raw;
            var at = content.IndexOf("$0", StringComparison.Ordinal);
            if (at >= 0)
            {
                cursorPath = path;
                cursor = new LinePosition(line, at);
                content = content.Remove(at, 2);
            }

            var annotation = Annotation().Match(content);
            if (annotation.Success && lastCodeLine >= 0)
            {
                var carets = annotation.Groups["carets"];
                marks.Add(new MarkedRange(path, lastCodeLine, carets.Index, carets.Index + carets.Length, annotation.Groups["label"].Value.Trim()));
            }
            else
            {
                lastCodeLine = line;
            }

            text.Append(content).Append('\n');
            line++;
        }

        var workspace = new MemoryWorkspace(text.ToString().TrimEnd('\n'));
        var index = workspace.BuildIndex();
        return new NavigationFixture(index, workspace, cursorPath, cursor, marks);
    }

    public static MarkedRange Mark(Location location, string label) =>
        new(location.Path, location.Start.Line, location.Start.Character, location.End.Character, label);

    public IEnumerable<string> Expected(params string[] labels) =>
        Marks.Where(mark => labels.Contains(mark.Label)).Select(mark => mark with { Label = string.Empty }).Select(mark => mark.ToString()).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(//|--)\s*(?<carets>\^+)\s*(?<label>.*)$")]
    private static partial Regex Annotation();
}
