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
}

/// <summary>
/// The files of the workspace folders, as `hdl index` finds them: `hdl.json` of the first folder read first (include
/// dirs, defines, excludes, .gitignore, VHDL libraries), HDL sources by extension, headers only included, and without
/// any include directory the folders holding headers (zero configuration). The editor's settings add to `hdl.json`.
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
            return new LoadedWorkspace(WorkspaceIndex.Build([], configuration.IndexOptions([]), reader, includes, progress, cancellationToken), [], []);
        }

        var root = roots[0];
        var (project, errors) = DiskConfigurationLoader.Load(root);
        var discovered = HdlFileDiscovery.Discover(
            roots,
            new FileDiscoveryOptions { Excludes = IgnoreRules.FromGlobs(project.Exclude), RespectGitIgnore = project.RespectGitIgnore },
            cancellationToken);
        var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
        var options = configuration.IndexOptions(IncludeDirectoryInference.FoldersOf(headers), project, root) with
        {
            VhdlLibraryByPath = LibraryMapping.Map(root, sources, project.Libraries),
        };
        // The index persisted under ROOT/.hdl (shared with `hdl index` and the search index) lets a restart skip every
        // unchanged file; open buffers are applied on top by the server state, as after a fresh build.
        var database = IndexDatabase.ForWorkspace(root, configuration.IndexDirectory);
        var opened = PersistentIndex.Open(database, sources, options, reader, includes, progress, cancellationToken);
        return new LoadedWorkspace(opened.Index, discovered.Files, errors) { IndexMessages = opened.Messages, StoredFileCount = opened.LoadedFileCount };
    }

    /// <summary>True when a changed file is the `hdl.json` of a workspace folder, so the workspace must be loaded again.</summary>
    public static bool IsConfigurationFile(string path, ImmutableArray<string> roots) =>
        string.Equals(Path.GetFileName(path), WorkspaceConfiguration.FileName, StringComparison.Ordinal)
        && !roots.IsDefaultOrEmpty
        && roots.Any(root => string.Equals(Path.GetFullPath(Path.GetDirectoryName(path) ?? string.Empty).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal));
}
