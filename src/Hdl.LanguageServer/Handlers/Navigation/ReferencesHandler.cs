using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Navigation;

internal sealed class ReferencesHandler : RequestHandler<ReferenceParams, ImmutableArray<LspLocation>>
{
    public override string Method => "textDocument/references";

    public override ImmutableArray<LspLocation> Handle(ReferenceParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path
            ? [.. SymbolNavigation.FindReferences(context.Index, path, Conversions.ToLinePosition(request.Position),
                new ReferenceSearchOptions(request.Context?.IncludeDeclaration ?? true), cancellationToken).Select(context.ToLocation)]
            : [];
}

/// <summary>Uses of the name under the cursor in the same file (from the file's bindings alone); the declaration is marked as a write (kind 3), uses as text (1).</summary>
internal sealed class DocumentHighlightHandler : RequestHandler<TextDocumentPositionParams, ImmutableArray<DocumentHighlight>>
{
    public override string Method => "textDocument/documentHighlight";

    public override ImmutableArray<DocumentHighlight> Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.PathOf(request.TextDocument) is not { } path)
        {
            return [];
        }

        var position = Conversions.ToLinePosition(request.Position);
        var definition = SymbolNavigation.SymbolAt(context.Index, path, position)?.Definition;
        return [.. SymbolNavigation.FindReferencesInFile(context.Index, path, position, ReferenceSearchOptions.Default, cancellationToken)
            .Select(location => new DocumentHighlight(Conversions.ToRange(location), location == definition ? 3 : 1))];
    }
}
