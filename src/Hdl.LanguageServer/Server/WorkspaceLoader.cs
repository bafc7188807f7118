using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Index;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// The files of the workspace folders, as `hdl index` finds them: HDL sources by extension, headers only included,
/// and without configured include directories the folders holding headers (zero configuration).
/// </summary>
internal static class WorkspaceLoader
{
    public static WorkspaceIndex Build(
        ImmutableArray<string> roots,
        ServerConfiguration configuration,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (!configuration.IndexWorkspace || roots.IsDefaultOrEmpty)
        {
            return WorkspaceIndex.Build([], configuration.IndexOptions([]), reader, includes, progress, cancellationToken);
        }

        var discovered = HdlFileDiscovery.Discover(roots, cancellationToken);
        var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
        var options = configuration.IndexOptions(IncludeDirectoryInference.FoldersOf(headers));
        return WorkspaceIndex.Build(sources, options, reader, includes, progress, cancellationToken);
    }
}
