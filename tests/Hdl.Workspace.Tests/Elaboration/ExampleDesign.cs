using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Tests.Elaboration;

/// <summary>The examples/ design of this repository, indexed from disk with zero configuration as `hdl index examples` does.</summary>
internal static class ExampleDesign
{
    public static WorkspaceIndex BuildIndex()
    {
        var examples = Path.Combine(FindRepositoryRoot(), "examples");
        var discovered = HdlFileDiscovery.Discover([examples], CancellationToken.None);
        var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
        var options = WorkspaceIndexOptions.Default with
        {
            Preprocessor = WorkspaceIndexOptions.Default.Preprocessor with { IncludeDirectories = IncludeDirectoryInference.FoldersOf(headers) },
            MaxDegreeOfParallelism = 2,
        };
        return WorkspaceIndex.Build(sources, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Hdl.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Hdl.sln not found above the test binaries");
    }
}
