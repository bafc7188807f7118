using Hdl.LanguageServer.Protocol;
using Hdl.Workspace.Features.Completion;
using SignatureHelp = Hdl.LanguageServer.Protocol.SignatureHelp;
using WorkspaceCompletionOptions = Hdl.Workspace.Features.Completion.CompletionOptions;

namespace Hdl.LanguageServer.Handlers.Completion;

internal sealed class CompletionHandler : RequestHandler<CompletionParams, CompletionList>
{
    public override string Method => "textDocument/completion";

    public override CompletionList? Handle(CompletionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.PathOf(request.TextDocument) is not { } path || context.TextOf(path) is not { } text)
        {
            return null;
        }

        var position = Conversions.ToLinePosition(request.Position);
        var result = CodeCompletion.Complete(context.Index, path, text, position, WorkspaceCompletionOptions.Default, cancellationToken);
        var replace = Conversions.ToRange(result.ReplaceStart, position);
        return new CompletionList(result.IsIncomplete, [.. result.Items.Select(item => Conversions.ToCompletionItem(item, replace, context.UriOf))]);
    }
}

/// <summary>Adds the documentation of one item when the editor shows it: its declaration and comment, recomputed from the item's data.</summary>
internal sealed class CompletionResolveHandler : RequestHandler<CompletionItem, CompletionItem>
{
    public override string Method => "completionItem/resolve";

    public override CompletionItem? Handle(CompletionItem request, RequestContext context, CancellationToken cancellationToken)
    {
        if (Conversions.ToTopic(request.Data, context.PathOf) is not { } topic)
        {
            return request;
        }

        var documentation = CodeCompletion.Resolve(context.Index, topic, topic.Path is null ? null : context.TextOf(topic.Path), context.State.Flow, cancellationToken);
        return documentation is null ? request : request with { Documentation = new MarkupContent("markdown", documentation) };
    }
}

internal sealed class SignatureHelpHandler : RequestHandler<SignatureHelpParams, SignatureHelp>
{
    public override string Method => "textDocument/signatureHelp";

    public override SignatureHelp? Handle(SignatureHelpParams request, RequestContext context, CancellationToken cancellationToken) =>
        context.PathOf(request.TextDocument) is { } path && context.TextOf(path) is { } text
        && Hdl.Workspace.Features.Completion.SignatureHelp.Find(context.Index, path, text, Conversions.ToLinePosition(request.Position), cancellationToken) is { } help
            ? Conversions.ToSignatureHelp(help)
            : null;
}
