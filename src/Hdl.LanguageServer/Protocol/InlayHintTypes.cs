namespace Hdl.LanguageServer.Protocol;

// textDocument/inlayHint (LSP 3.17). Kind 1 = Type, 2 = Parameter.

public sealed record InlayHintParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record InlayHint(Position Position, string Label, int Kind, bool? PaddingLeft, bool? PaddingRight);

public sealed record InlayHintOptions(bool ResolveProvider);

