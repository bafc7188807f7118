using System.Text.Json;
using Hdl.LanguageServer.Handlers.Completion;
using Hdl.LanguageServer.Handlers.Custom;
using Hdl.LanguageServer.Handlers.Document;
using Hdl.LanguageServer.Handlers.Editing;
using Hdl.LanguageServer.Handlers.Navigation;
using Hdl.LanguageServer.Handlers.TextSync;
using Hdl.LanguageServer.Handlers.Workspace;
using Hdl.LanguageServer.Protocol;

namespace Hdl.LanguageServer.Handlers;

/// <summary>Every handler, and the capabilities that follow from them: nothing is advertised without its handler.</summary>
internal static class HandlerRegistry
{
    public static IEnumerable<ILspHandler> All() =>
    [
        new DidOpenHandler(),
        new DidChangeHandler(),
        new DidCloseHandler(),
        new DidSaveHandler(),
        new DidChangeWatchedFilesHandler(),
        new DidChangeConfigurationHandler(),
        new DidChangeWorkspaceFoldersHandler(),
        new DocumentSymbolHandler(),
        new WorkspaceSymbolHandler(),
        new FoldingRangeHandler(),
        new SemanticTokensFullHandler(),
        new SemanticTokensRangeHandler(),
        new HoverHandler(),
        new DocumentLinkHandler(),
        new DefinitionHandler(),
        new DeclarationHandler(),
        new TypeDefinitionHandler(),
        new ReferencesHandler(),
        new DocumentHighlightHandler(),
        new PrepareRenameHandler(),
        new RenameHandler(),
        new HierarchyHandler(),
        new DriversLoadsHandler(),
        new CompletionHandler(),
        new CompletionResolveHandler(),
        new SignatureHelpHandler(),
        new InlayHintHandler(),
        new CodeActionHandler(),
        new SearchHandler(),
    ];

    public static ServerCapabilities Capabilities()
    {
        var methods = All().Select(handler => handler.Method).ToHashSet(StringComparer.Ordinal);
        bool Has(string method) => methods.Contains(method);
        return new ServerCapabilities
        {
            // Change kind 2: incremental edits.
            TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, Change: 2, Save: new SaveOptions(IncludeText: false)),
            HoverProvider = Has("textDocument/hover") ? true : null,
            DocumentSymbolProvider = Has("textDocument/documentSymbol") ? true : null,
            WorkspaceSymbolProvider = Has("workspace/symbol") ? true : null,
            FoldingRangeProvider = Has("textDocument/foldingRange") ? true : null,
            SemanticTokensProvider = Has("textDocument/semanticTokens/full")
                ? new SemanticTokensOptions(new SemanticTokensLegend(Conversions.SemanticTokenTypes, Conversions.SemanticTokenModifiers), Range: Has("textDocument/semanticTokens/range"), Full: true)
                : null,
            DocumentLinkProvider = Has("textDocument/documentLink") ? new DocumentLinkOptions(ResolveProvider: false) : null,
            DefinitionProvider = Has("textDocument/definition") ? true : null,
            DeclarationProvider = Has("textDocument/declaration") ? true : null,
            TypeDefinitionProvider = Has("textDocument/typeDefinition") ? true : null,
            ReferencesProvider = Has("textDocument/references") ? true : null,
            DocumentHighlightProvider = Has("textDocument/documentHighlight") ? true : null,
            CompletionProvider = Has("textDocument/completion")
                ? new CompletionOptions(Conversions.CompletionTriggers, ResolveProvider: Has("completionItem/resolve"))
                : null,
            SignatureHelpProvider = Has("textDocument/signatureHelp")
                ? new SignatureHelpOptions(Conversions.SignatureTriggers, Conversions.SignatureTriggers)
                : null,
            RenameProvider = Has("textDocument/rename") ? new RenameOptions(PrepareProvider: Has("textDocument/prepareRename")) : null,
            InlayHintProvider = Has("textDocument/inlayHint") ? new InlayHintOptions(ResolveProvider: false) : null,
            CodeActionProvider = Has("textDocument/codeAction") ? new CodeActionOptions(Conversions.CodeActionKinds, ResolveProvider: false) : null,
            Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true)),
            Experimental = JsonSerializer.SerializeToElement(new
            {
                hdl = new { requests = methods.Where(method => method.StartsWith("hdl/", StringComparison.Ordinal)).Append("hdl/reindex").Order().ToArray() },
            }),
        };
    }
}
