using System.Collections.Immutable;

namespace Hdl.LanguageServer.Protocol;

// LSP 3.17 completion and signature help, as plain records (camelCased and null-omitting through LspJson.Options).

public sealed record CompletionOptions(ImmutableArray<string> TriggerCharacters, bool ResolveProvider);

public sealed record SignatureHelpOptions(ImmutableArray<string> TriggerCharacters, ImmutableArray<string> RetriggerCharacters);

public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context);

/// <summary>What `completionItem/resolve` needs to document an item: the workspace's topic, with the file as a URI.</summary>
public sealed record CompletionItemData(string Topic, string Name, string? Uri, int Line, int Character);

public sealed record InsertReplaceEdit(string NewText, Range Insert, Range Replace);

/// <summary>A completion item; <see cref="InsertTextFormat"/> 2 marks snippet syntax.</summary>
public sealed record CompletionItem(string Label)
{
    public int? Kind { get; init; }

    public string? Detail { get; init; }

    public MarkupContent? Documentation { get; init; }

    public string? SortText { get; init; }

    public string? FilterText { get; init; }

    public int? InsertTextFormat { get; init; }

    public TextEdit? TextEdit { get; init; }

    public CompletionItemData? Data { get; init; }
}

public sealed record CompletionList(bool IsIncomplete, ImmutableArray<CompletionItem> Items);

public sealed record SignatureHelpContext(int TriggerKind, string? TriggerCharacter, bool IsRetrigger);

public sealed record SignatureHelpParams(TextDocumentIdentifier TextDocument, Position Position, SignatureHelpContext? Context);

/// <summary>A parameter, labelled by its [start, end) offsets in the signature's label.</summary>
public sealed record ParameterInformation(ImmutableArray<int> Label, MarkupContent? Documentation);

public sealed record SignatureInformation(string Label, MarkupContent? Documentation, ImmutableArray<ParameterInformation> Parameters);

public sealed record SignatureHelp(ImmutableArray<SignatureInformation> Signatures, int ActiveSignature, int? ActiveParameter);
