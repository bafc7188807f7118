using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Features.Completion;

namespace Hdl.Workspace.Tests.Features.Completion;

/// <summary>
/// A multi-file fixture (`//- /path`) with `$0` at the cursor. Unlike navigation fixtures, the text may be broken:
/// completion runs while a line is being typed.
/// </summary>
internal sealed class CompletionFixture
{
    private readonly NavigationFixture _fixture;

    private CompletionFixture(NavigationFixture fixture)
    {
        _fixture = fixture;
    }

    public static CompletionFixture Parse(string fixture)
    {
        var parsed = NavigationFixture.ParseWithDiagnostics(fixture);
        Assert.True(parsed.CursorPath is not null, "the fixture has no $0 cursor");
        return new CompletionFixture(parsed);
    }

    public CompletionResult Complete(CompletionOptions? options = null) =>
        CodeCompletion.Complete(_fixture.Index, _fixture.CursorPath!, TextOf(_fixture.CursorPath!)!, _fixture.Cursor, options ?? CompletionOptions.Default, CancellationToken.None);

    public SignatureHelpResult? Signature() => SignatureHelp.Find(_fixture.Index, _fixture.CursorPath!, TextOf(_fixture.CursorPath!)!, _fixture.Cursor, CancellationToken.None);

    public string? Resolve(CompletionEntry entry) =>
        CodeCompletion.Resolve(_fixture.Index, entry.Topic, entry.Topic.Path is { } path ? TextOf(path) : null, new SignalFlow(_fixture.Index), CancellationToken.None);

    private SourceText? TextOf(string path) => _fixture.Workspace.Read(path, CancellationToken.None).Text;
}
