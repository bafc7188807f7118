using Hdl.LanguageServer.Protocol;

namespace Hdl.LanguageServer.Handlers.TextSync;

/// <summary>A saved document's buffer already is the index's text; files that include it are re-analysed.</summary>
internal sealed class DidSaveHandler : NotificationHandler<DidSaveTextDocumentParams>
{
    public override string Method => "textDocument/didSave";

    public override void Handle(DidSaveTextDocumentParams notification, MutationContext context)
    {
        if (context.PathOf(notification.TextDocument.Uri) is { } path)
        {
            context.State = context.State.WithChangedFiles([path]);
        }
    }
}
