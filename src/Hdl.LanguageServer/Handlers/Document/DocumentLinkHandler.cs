using System.Collections.Immutable;
using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

/// <summary>Each resolved `include is a link to the file it names.</summary>
internal sealed class DocumentLinkHandler : RequestHandler<DocumentSymbolParams, ImmutableArray<DocumentLink>>
{
    public override string Method => "textDocument/documentLink";

    public override ImmutableArray<DocumentLink> Handle(DocumentSymbolParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.SyntaxOf(path, cancellationToken) is { } tree
            ? [.. DocumentSyntax.Includes(tree).Select(link => new DocumentLink(Conversions.ToRange(link.Directive), context.UriOf(link.TargetPath), link.TargetPath))]
            : [];
}
