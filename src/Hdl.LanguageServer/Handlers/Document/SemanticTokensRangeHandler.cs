using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

internal sealed class SemanticTokensRangeHandler : RequestHandler<SemanticTokensRangeParams, SemanticTokens>
{
    public override string Method => "textDocument/semanticTokens/range";

    public override SemanticTokens Handle(SemanticTokensRangeParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.SyntaxOf(path, cancellationToken) is { } tree
            ? new SemanticTokens(Conversions.ToSemanticTokens(
                DocumentSyntax.Classify(tree, context.Index.GetFile(path)?.Design, Conversions.ToSpan(tree.Text, request.Range), cancellationToken)))
            : new SemanticTokens([]);
}
