using System.Collections.Immutable;
using Hdl.Workspace.Configuration;

namespace Hdl.Workspace.FileSystem;

/// <summary>Reads `hdl.json` from a workspace root; no file means the defaults, with no error.</summary>
public static class DiskConfigurationLoader
{
    public static (WorkspaceConfiguration Configuration, ImmutableArray<ConfigurationError> Errors) Load(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var path = Path.Combine(root, WorkspaceConfiguration.FileName);
        if (!File.Exists(path))
        {
            return (WorkspaceConfiguration.Empty, []);
        }

        try
        {
            return WorkspaceConfigurationReader.Parse(FilelistReaderPath(path), File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (WorkspaceConfiguration.Empty, [new ConfigurationError(path, 1, 1, $"cannot read: {exception.Message}")]);
        }
    }

    private static string FilelistReaderPath(string path) => Filelists.FilelistReader.NormalizePath(path);
}
