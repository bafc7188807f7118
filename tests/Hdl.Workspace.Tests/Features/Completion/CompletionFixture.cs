using System.Text;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Features.Completion;
using Hdl.Workspace.Index;
using Hdl.Workspace.Tests.Index;

namespace Hdl.Workspace.Tests.Features.Completion;

/// <summary>
/// A multi-file fixture (`//- /path`) with `$0` at the cursor. Unlike navigation fixtures, the text may be broken:
/// completion runs while a line is being typed.
/// </summary>
internal sealed class CompletionFixture
{
    private CompletionFixture(WorkspaceIndex index, MemoryWorkspace workspace, string path, LinePosition cursor)
    {
        Index = index;
        Workspace = workspace;
        Path = path;
        Cursor = cursor;
    }

    public WorkspaceIndex Index { get; }

    public MemoryWorkspace Workspace { get; }

    public string Path { get; }

    public LinePosition Cursor { get; }

    public SourceText Text => Workspace.Read(Path, CancellationToken.None).Text!;

    public static CompletionFixture Parse(string fixture)
    {
        var text = new StringBuilder();
        string? cursorPath = null;
        var cursor = default(LinePosition);
        var path = "/top.sv";
        var line = 0;
        foreach (var raw in fixture.Split('\n'))
        {
            if (raw.StartsWith("//- ", StringComparison.Ordinal))
            {
                path = raw[4..].Trim().Split(' ')[0];
                line = 0;
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

            text.Append(content).Append('\n');
            line++;
        }

        Assert.True(cursorPath is not null, "the fixture has no $0 cursor");
        var workspace = new MemoryWorkspace(text.ToString().TrimEnd('\n'));
        return new CompletionFixture(workspace.BuildIndex(), workspace, cursorPath!, cursor);
    }

    public CompletionResult Complete(CompletionOptions? options = null) =>
        CodeCompletion.Complete(Index, Path, Text, Cursor, options ?? CompletionOptions.Default, CancellationToken.None);

    public SignatureHelpResult? Signature() => SignatureHelp.Find(Index, Path, Text, Cursor, CancellationToken.None);

    public string? Resolve(CompletionEntry entry) =>
        CodeCompletion.Resolve(Index, entry.Topic, entry.Topic.Path is { } path ? Workspace.Read(path, CancellationToken.None).Text : null, new SignalFlow(Index), CancellationToken.None);
}
