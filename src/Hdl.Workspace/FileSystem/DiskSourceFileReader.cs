using System.Text;
using Hdl.Syntax.Text;

namespace Hdl.Workspace.FileSystem;

/// <summary>Reads source files from disk as UTF-8 (a BOM selects another Unicode encoding); files with NUL bytes are binary.</summary>
public sealed class DiskSourceFileReader : ISourceFileReader
{
    public SourceReadResult Read(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return SourceReadResult.Failed(SourceReadFailure.Unreadable, "is a directory");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return SourceReadResult.Failed(SourceReadFailure.NotFound, "file not found");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return SourceReadResult.Failed(SourceReadFailure.Unreadable, exception.Message);
        }

        return Decode(path, bytes);
    }

    /// <summary>Turns bytes into text; shared with the include source so both treat files alike.</summary>
    internal static SourceReadResult Decode(string path, byte[] bytes)
    {
        var hasUnicodeBom = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
        if (!hasUnicodeBom && Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return SourceReadResult.Failed(SourceReadFailure.Binary, "binary file (contains NUL bytes); skipped");
        }

        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return SourceReadResult.Success(SourceText.From(path, reader.ReadToEnd()));
    }
}
