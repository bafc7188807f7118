using Hdl.LanguageServer.Protocol;
using Hdl.Syntax.Text;

namespace Hdl.LanguageServer.Handlers.TextSync;

/// <summary>Applies full and incremental changes in order; a change to a document that is not open is ignored.</summary>
internal sealed class DidChangeHandler : NotificationHandler<DidChangeTextDocumentParams>
{
    public override string Method => "textDocument/didChange";

    public override void Handle(DidChangeTextDocumentParams notification, MutationContext context)
    {
        if (context.PathOf(notification.TextDocument.Uri) is not { } path || !context.State.Documents.TryGetValue(path, out var document)
            || notification.ContentChanges.IsDefaultOrEmpty)
        {
            return;
        }

        var text = document.Text;
        foreach (var change in notification.ContentChanges)
        {
            text = SourceText.From(path, change.Range is null
                ? change.Text ?? string.Empty
                : ApplyEdit(text, Conversions.ToSpan(text, change.Range), change.Text ?? string.Empty));
        }

        var next = document with { Version = notification.TextDocument.Version ?? document.Version + 1, Text = text };
        context.State = context.State.WithDocuments(context.State.Documents.SetItem(path, next), [path]);
        context.ChangedDocuments.Add(path);
    }

    private static string ApplyEdit(SourceText text, TextSpan span, string replacement) =>
        string.Concat(text.Text.AsSpan(0, span.Start), replacement, text.Text.AsSpan(span.End));
}
