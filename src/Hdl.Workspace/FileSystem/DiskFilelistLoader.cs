using Hdl.Workspace.Filelists;

namespace Hdl.Workspace.FileSystem;

/// <summary>Reads a filelist and its nested filelists from disk through the pure <see cref="FilelistReader"/>.</summary>
public static class DiskFilelistLoader
{
    /// <returns>The filelist, or null when the top filelist itself cannot be read.</returns>
    public static Filelist? Load(string path, FilelistPathBase pathBase, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = ReadOrNull(path);
        if (text is null)
        {
            return null;
        }

        // "" stands for the current directory, so relative paths stay relative and print as the user wrote them.
        var context = new FilelistContext(ReadOrNull, environment, CurrentDirectory: string.Empty);
        return FilelistReader.Read(text, path, pathBase, context);
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
