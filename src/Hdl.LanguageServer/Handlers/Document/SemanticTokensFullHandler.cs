using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features;

namespace Hdl.LanguageServer.Handlers.Document;

internal sealed class SemanticTokensFullHandler : RequestHandler<SemanticTokensParams, SemanticTokens>
{
    public override string Method => "textDocument/semanticTokens/full";

    public override SemanticTokens Handle(SemanticTokensParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.SyntaxOf(path, cancellationToken) is { } tree
            ? new SemanticTokens(Conversions.ToSemanticTokens(DocumentSyntax.Classify(tree, context.Index.GetFile(path)?.Design, null, cancellationToken)))
            : new SemanticTokens([]);
}
