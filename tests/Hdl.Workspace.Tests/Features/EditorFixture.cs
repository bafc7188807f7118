using System.Text;
using Hdl.Syntax.Text;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Features;

/// <summary>
/// A multi-file fixture for editor features that may hold errors (an unresolved name, a missing include): `$0` marks
/// the cursor and is removed; the files are indexed and elaborated in memory.
/// </summary>
internal sealed class EditorFixture
{
    private EditorFixture(MemoryWorkspace workspace, string cursorPath, LinePosition cursor)
    {
        Workspace = workspace;
        Index = workspace.BuildIndex();
        Hierarchy = HierarchyElaborator.Elaborate(Index, ElaborationOptions.Default, CancellationToken.None);
        CursorPath = cursorPath;
        Cursor = cursor;
    }

    public MemoryWorkspace Workspace { get; }

    public WorkspaceIndex Index { get; }

    public InstanceHierarchy Hierarchy { get; }

    public string CursorPath { get; }

    public LinePosition Cursor { get; }

    public static EditorFixture Parse(string fixture)
    {
        var text = new StringBuilder();
        var path = "/top.sv";
        string? cursorPath = null;
        var cursor = default(LinePosition);
        var line = 0;
        foreach (var raw in fixture.Split('\n'))
        {
            if (raw.StartsWith("//- ", StringComparison.Ordinal))
            {
                path = raw[4..].Trim();
                line = 0;
                text.Append(raw).Append('\n');
                continue;
            }

            var at = raw.IndexOf("$0", StringComparison.Ordinal);
            if (at >= 0)
            {
                cursorPath = path;
                cursor = new LinePosition(line, at);
            }

            text.Append(raw.Replace("$0", string.Empty, StringComparison.Ordinal)).Append('\n');
            line++;
        }

        return new EditorFixture(new MemoryWorkspace(text.ToString().TrimEnd('\n')), cursorPath ?? path, cursor);
    }

    public SourceText TextOf(string path) => Workspace.Read(path, CancellationToken.None).Text ?? SourceText.From(path, string.Empty);

    /// <summary>The text with insertions made at positions (later ones first, so earlier positions stay valid).</summary>
    public static string Insert(SourceText text, IEnumerable<(LinePosition Start, LinePosition End, string NewText)> changes)
    {
        var result = new StringBuilder(text.Text);
        foreach (var (start, end, newText) in changes.OrderByDescending(change => change.Start).ThenByDescending(change => change.End))
        {
            var from = start == default && text.Length == 0 ? 0 : text.Lines.GetOffset(start);
            var to = end == default && text.Length == 0 ? 0 : text.Lines.GetOffset(end);
            result.Remove(from, to - from).Insert(from, newText);
        }

        return result.ToString();
    }
}
