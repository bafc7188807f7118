using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hdl.LanguageServer.Protocol;

// The subset of LSP 3.17 this server speaks, as plain records. Property names are camelCased by LspJson.Options;
// null properties are left out, as the protocol expects optional fields to be absent.

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record LspLocation(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);

public sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, ImmutableArray<TextDocumentContentChangeEvent> ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

public sealed record FileEvent(string Uri, int Type);

public sealed record DidChangeWatchedFilesParams(ImmutableArray<FileEvent> Changes);

public sealed record DidChangeConfigurationParams(JsonElement? Settings);

public sealed record WorkspaceFolder(string Uri, string? Name);

public sealed record WorkspaceFoldersChangeEvent(ImmutableArray<WorkspaceFolder> Added, ImmutableArray<WorkspaceFolder> Removed);

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

public sealed record InitializeParams(
    int? ProcessId,
    string? RootUri,
    string? RootPath,
    ImmutableArray<WorkspaceFolder>? WorkspaceFolders,
    JsonElement? InitializationOptions,
    JsonElement? Capabilities);

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

public sealed record SaveOptions(bool IncludeText);

public sealed record SemanticTokensLegend(ImmutableArray<string> TokenTypes, ImmutableArray<string> TokenModifiers);

public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Range, bool Full);

public sealed record DocumentLinkOptions(bool ResolveProvider);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);

/// <summary>What the server offers; a capability is set only when its handler is registered and works.</summary>
public sealed record ServerCapabilities
{
    public string PositionEncoding { get; init; } = "utf-16";

    public TextDocumentSyncOptions? TextDocumentSync { get; init; }

    public bool? HoverProvider { get; init; }

    public bool? DocumentSymbolProvider { get; init; }

    public bool? WorkspaceSymbolProvider { get; init; }

    public bool? FoldingRangeProvider { get; init; }

    public SemanticTokensOptions? SemanticTokensProvider { get; init; }

    public DocumentLinkOptions? DocumentLinkProvider { get; init; }

    public bool? DefinitionProvider { get; init; }

    public bool? DeclarationProvider { get; init; }

    public bool? TypeDefinitionProvider { get; init; }

    public bool? ReferencesProvider { get; init; }

    public bool? DocumentHighlightProvider { get; init; }

    public RenameOptions? RenameProvider { get; init; }

    public CompletionOptions? CompletionProvider { get; init; }

    public SignatureHelpOptions? SignatureHelpProvider { get; init; }

    public InlayHintOptions? InlayHintProvider { get; init; }

    public CodeActionOptions? CodeActionProvider { get; init; }

    public WorkspaceServerCapabilities? Workspace { get; init; }

    /// <summary>Our own requests (hdl/hierarchy, ...), listed so clients can tell which ones this build has.</summary>
    public JsonElement? Experimental { get; init; }
}

public sealed record DiagnosticRelatedInformation(LspLocation Location, string Message);

public sealed record CodeDescription(string Href);

public sealed record LspDiagnostic(
    Range Range,
    int Severity,
    string? Code,
    string Source,
    string Message)
{
    public ImmutableArray<int>? Tags { get; init; }

    public ImmutableArray<DiagnosticRelatedInformation>? RelatedInformation { get; init; }
}

public sealed record PublishDiagnosticsParams(string Uri, int? Version, ImmutableArray<LspDiagnostic> Diagnostics);

public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, ImmutableArray<DocumentSymbol>? Children);

public sealed record WorkspaceSymbolParams(string? Query);

public sealed record SymbolInformation(string Name, int Kind, LspLocation Location, string? ContainerName);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensRangeParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record SemanticTokens(ImmutableArray<int> Data);

public sealed record MarkupContent(string Kind, string Value);

public sealed record Hover(MarkupContent Contents, Range? Range);

public sealed record DocumentLink(Range Range, string Target, string? Tooltip);

public sealed record WorkDoneProgressCreateParams(string Token);

public sealed record ProgressParams(string Token, WorkDoneProgress Value);

public sealed record WorkDoneProgress(string Kind)
{
    public string? Title { get; init; }

    public string? Message { get; init; }

    public int? Percentage { get; init; }

    public bool? Cancellable { get; init; }
}

public sealed record LogMessageParams(int Type, string Message);

public sealed record HierarchyParams(string? Top);

public sealed record HierarchyItem(string Name, string Unit, string Resolution, LspLocation? Location, ImmutableArray<HierarchyItem> Children);

public sealed record DriversLoadsParams(string Signal, int? Depth);

public sealed record SignalFlowItem(int Depth, string Path, string Unit, string Source, string Target, string Kind, bool IsPortConnection, LspLocation? Location);

public sealed record DriversLoadsResult(string Signal, ImmutableArray<SignalFlowItem> Drivers, ImmutableArray<SignalFlowItem> Loads);

public sealed record ReindexResult(int Files, long Lines, int Units);

/// <summary>Serialization settings for every LSP message body.</summary>
public static class LspJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

public sealed record DocumentHighlight(Range Range, int Kind);

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

public sealed record PrepareRenameResult(Range Range, string Placeholder);

public sealed record TextEdit(Range Range, string NewText);

public sealed record WorkspaceEdit(ImmutableDictionary<string, ImmutableArray<TextEdit>> Changes);

public sealed record RenameOptions(bool PrepareProvider);
