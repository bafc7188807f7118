using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

internal sealed class DocumentSymbolHandler : RequestHandler<DocumentSymbolParams, ImmutableArray<DocumentSymbol>>
{
    public override string Method => "textDocument/documentSymbol";

    public override ImmutableArray<DocumentSymbol> Handle(DocumentSymbolParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.Index.GetFile(path)?.Design is { } design
            ? [.. DocumentOutline.Build(design).Select(Convert)]
            : [];

    private static DocumentSymbol Convert(OutlineItem item) => new(
        item.Name, item.Detail, Conversions.ToSymbolKind(item.Kind), Conversions.ToRange(item.Extent), Conversions.ToRange(item.NameLocation),
        item.Children.IsEmpty ? null : [.. item.Children.Select(Convert)]);
}
