using Hdl.LanguageServer.Protocol;

namespace Hdl.LanguageServer.Handlers.TextSync;

/// <summary>The file on disk takes over again from the closed buffer.</summary>
internal sealed class DidCloseHandler : NotificationHandler<DidCloseTextDocumentParams>
{
    public override string Method => "textDocument/didClose";

    public override void Handle(DidCloseTextDocumentParams notification, MutationContext context)
    {
        if (context.PathOf(notification.TextDocument.Uri) is not { } path || !context.State.Documents.TryGetValue(path, out var document))
        {
            return;
        }

        context.State = context.State.WithDocuments(context.State.Documents.Remove(path), [path]);
        context.ChangedDocuments.Add(path);
        context.ClosedDocuments.Add(document);
    }
}
