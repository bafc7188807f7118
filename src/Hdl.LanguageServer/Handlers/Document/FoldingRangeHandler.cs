using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

internal sealed class FoldingRangeHandler : RequestHandler<DocumentSymbolParams, ImmutableArray<FoldingRange>>
{
    public override string Method => "textDocument/foldingRange";

    public override ImmutableArray<FoldingRange> Handle(DocumentSymbolParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.SyntaxOf(path, cancellationToken) is { } tree
            ? [.. DocumentSyntax.Folding(tree, context.Index.GetFile(path)?.Design)
                .Select(region => new FoldingRange(region.StartLine, region.EndLine, Conversions.ToFoldingKind(region.Kind)))]
            : [];
}
