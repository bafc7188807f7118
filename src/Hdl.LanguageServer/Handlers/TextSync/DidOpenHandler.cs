using Hdl.LanguageServer.Protocol;
using Hdl.LanguageServer.Server;
using Hdl.Syntax.Text;

namespace Hdl.LanguageServer.Handlers.TextSync;

internal sealed class DidOpenHandler : NotificationHandler<DidOpenTextDocumentParams>
{
    public override string Method => "textDocument/didOpen";

    public override void Handle(DidOpenTextDocumentParams notification, MutationContext context)
    {
        var document = notification.TextDocument;
        if (context.PathOf(document.Uri) is not { } path)
        {
            return;
        }

        var open = new OpenDocument(document.Uri, path, document.Version, SourceText.From(path, document.Text ?? string.Empty));
        context.State = context.State.WithDocuments(context.State.Documents.SetItem(path, open), [path]);
        context.ChangedDocuments.Add(path);
    }
}
