using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

internal sealed class HoverHandler : RequestHandler<TextDocumentPositionParams, Hover>
{
    public override string Method => "textDocument/hover";

    public override Hover? Handle(TextDocumentPositionParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path
        && HoverInfo.Describe(context.Index, path, Conversions.ToLinePosition(request.Position), context.TextOf(path), context.State.Flow, cancellationToken) is { } hover
            ? new Hover(new MarkupContent("markdown", hover.Markdown), hover.Range is { } range ? Conversions.ToRange(range) : null)
            : null;
}
