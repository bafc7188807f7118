using Hdl.LanguageServer.Protocol;

namespace Hdl.LanguageServer.Handlers.Workspace;

/// <summary>Folders added to or removed from the workspace: the roots change and the workspace is indexed again.</summary>
internal sealed class DidChangeWorkspaceFoldersHandler : NotificationHandler<DidChangeWorkspaceFoldersParams>
{
    public override string Method => "workspace/didChangeWorkspaceFolders";

    public override void Handle(DidChangeWorkspaceFoldersParams notification, MutationContext context)
    {
        var added = (notification.Event?.Added ?? []).Select(folder => context.PathOf(folder.Uri)).OfType<string>();
        var removed = (notification.Event?.Removed ?? []).Select(folder => context.PathOf(folder.Uri)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        context.State = context.State.WithRoots([.. context.State.Roots.Where(root => !removed.Contains(root)).Concat(added).Distinct(StringComparer.Ordinal)]);
        context.ReindexRequested = true;
    }
}
