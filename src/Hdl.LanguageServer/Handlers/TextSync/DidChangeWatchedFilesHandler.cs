using Hdl.LanguageServer.Protocol;
using Hdl.LanguageServer.Server;

namespace Hdl.LanguageServer.Handlers.TextSync;

/// <summary>
/// Files created, changed or deleted on disk: re-read unless open (the buffer wins), dropped when gone. A change to
/// `hdl.json` of a workspace folder loads the workspace again with its include dirs, defines and excludes.
/// </summary>
internal sealed class DidChangeWatchedFilesHandler : NotificationHandler<DidChangeWatchedFilesParams>
{
    public override string Method => "workspace/didChangeWatchedFiles";

    public override void Handle(DidChangeWatchedFilesParams notification, MutationContext context)
    {
        if (notification.Changes.IsDefaultOrEmpty)
        {
            return;
        }

        var paths = notification.Changes.Select(change => context.PathOf(change.Uri)).OfType<string>().ToList();
        context.State = context.State.WithChangedFiles(paths);
        // hdl.json, or a filelist it names: the set of sources (or their options) may have changed.
        context.ReindexRequested |= paths.Any(path => WorkspaceLoader.IsConfigurationFile(path, context.State.Roots) || context.State.ProjectFiles.Contains(Path.GetFullPath(path)));
    }
}
