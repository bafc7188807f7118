using System.Collections.Immutable;

namespace Hdl.LanguageServer.Protocol;

// textDocument/codeAction (LSP 3.17) with workspace edits that may create a file (documentChanges).

public sealed record CodeActionContext(ImmutableArray<LspDiagnostic>? Diagnostics, ImmutableArray<string>? Only);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

public sealed record CodeActionOptions(ImmutableArray<string> CodeActionKinds, bool ResolveProvider);

public sealed record CodeAction(string Title, string Kind, ImmutableArray<LspDiagnostic>? Diagnostics, bool? IsPreferred, CodeActionEdit Edit);

/// <summary>A WorkspaceEdit as `changes` (text edits by URI) or, when a file is created, as ordered `documentChanges`.</summary>
public sealed record CodeActionEdit(ImmutableDictionary<string, ImmutableArray<TextEdit>>? Changes, ImmutableArray<object>? DocumentChanges);

public sealed record CreateFileOptions(bool Overwrite, bool IgnoreIfExists);

public sealed record CreateFile(string Uri, CreateFileOptions Options)
{
    public string Kind => "create";
}

public sealed record OptionalVersionedTextDocumentIdentifier(string Uri, int? Version);

public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, ImmutableArray<TextEdit> Edits);
