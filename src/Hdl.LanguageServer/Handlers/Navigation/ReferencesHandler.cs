using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Navigation;

/// <summary>Uses of the name at the cursor across the workspace; on an `include directive, every directive that includes the same file (found without binding anything).</summary>
internal sealed class ReferencesHandler : RequestHandler<ReferenceParams, ImmutableArray<LspLocation>>
{
    public override string Method => "textDocument/references";

    public override ImmutableArray<LspLocation> Handle(ReferenceParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.PathOf(request.TextDocument) is not { } path)
        {
            return [];
        }

        var position = Conversions.ToLinePosition(request.Position);
        var references = context.TextOf(path) is { } text
            && IncludeNavigation.IncludeSitesAt(context.Index, text, position, context.State.Includes, context.TextOf, cancellationToken) is { } sites
                ? sites
                : SymbolNavigation.FindReferences(context.Index, path, position, new ReferenceSearchOptions(request.Context?.IncludeDeclaration ?? true), cancellationToken);
        return [.. references.Select(context.ToLocation)];
    }
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
