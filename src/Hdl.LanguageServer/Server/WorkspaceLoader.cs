using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace;
using Hdl.Workspace.Configuration;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Index;
using Hdl.Workspace.Storage;

namespace Hdl.LanguageServer.Server;

/// <summary>A built index with what the loader found around it: every file of the folders (headers included) and `hdl.json` problems.</summary>
internal sealed record LoadedWorkspace(WorkspaceIndex Index, ImmutableArray<string> Files, ImmutableArray<ConfigurationError> ConfigurationErrors)
{
    /// <summary>What the persisted index reported (locked, damaged, rebuilt), for the log.</summary>
    public ImmutableArray<string> IndexMessages { get; init; } = [];

    /// <summary>Files taken from the persisted index as they were, not analysed again.</summary>
    public int StoredFileCount { get; init; }

    /// <summary>Top units named in `hdl.json`; none means the tops are found (units nothing instantiates).</summary>
    public ImmutableArray<string> Tops { get; init; } = [];

    /// <summary>Files whose change means loading the workspace again: `hdl.json`'s filelists (full paths).</summary>
    public ImmutableArray<string> ProjectFiles { get; init; } = [];
}

/// <summary>
/// The files of the workspace folders, gathered as `hdl index` gathers them (<see cref="WorkspaceSources"/>): `hdl.json`
/// of the first folder (include dirs, defines, filelists, excludes, .gitignore, VHDL libraries, tops), then the
/// editor's settings.
/// The index is opened from and saved to the workspace's persisted index, so a warm start re-analyses nothing.
/// </summary>
internal static class WorkspaceLoader
{
    public static LoadedWorkspace Build(
        ImmutableArray<string> roots,
        ServerConfiguration configuration,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (!configuration.IndexWorkspace || roots.IsDefaultOrEmpty)
        {
            return new LoadedWorkspace(WorkspaceIndex.Build([], configuration.IndexOptions(), reader, includes, progress, cancellationToken), [], []);
        }

        // hdl.json of the first folder comes first; the editor's settings add to it (a setting's define wins).
        var root = roots[0];
        var sources = WorkspaceSources.Gather(
            new WorkspaceSourceRequest
            {
                Root = root,
                Paths = roots,
                PathsAreDefault = true,
                IncludeDirectories = configuration.IncludeDirectories,
                Defines = configuration.Defines,
            },
            cancellationToken);
        var options = sources.IndexOptions(configuration.VhdlVersion, configuration.MaxDegreeOfParallelism);

        // The index persisted under ROOT/.hdl (shared with `hdl index` and the search index) lets a restart skip every
        // unchanged file; open buffers are applied on top by the server state, as after a fresh build.
        var database = IndexDatabase.ForWorkspace(root, configuration.IndexDirectory);
        var opened = PersistentIndex.Open(database, sources.Files, options, reader, includes, progress, cancellationToken);
        return new LoadedWorkspace(opened.Index, sources.DiscoveredFiles, sources.ConfigurationErrors)
        {
            IndexMessages = [.. sources.Problems, .. opened.Messages],
            StoredFileCount = opened.LoadedFileCount,
            Tops = sources.Tops,
            ProjectFiles = [.. sources.ProjectFilelists.Select(Path.GetFullPath)],
        };
    }

    /// <summary>True when a changed file is the `hdl.json` of a workspace folder, so the workspace must be loaded again.</summary>
    public static bool IsConfigurationFile(string path, ImmutableArray<string> roots) =>
        string.Equals(Path.GetFileName(path), WorkspaceConfiguration.FileName, StringComparison.Ordinal)
        && !roots.IsDefaultOrEmpty
        && roots.Any(root => string.Equals(Path.GetFullPath(Path.GetDirectoryName(path) ?? string.Empty).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal));
}
