using Hdl.Syntax.Text;

namespace Hdl.Workspace;

/// <summary>Why a source file yielded no text.</summary>
public enum SourceReadFailure
{
    None,
    NotFound,
    Unreadable,

    /// <summary>The file holds NUL bytes: not HDL text, so it is reported and skipped.</summary>
    Binary,
}

/// <summary>The outcome of reading one source file: its text, or why there is none.</summary>
public sealed record SourceReadResult(SourceText? Text, SourceReadFailure Failure, string? Detail)
{
    public static SourceReadResult Success(SourceText text) => new(text, SourceReadFailure.None, null);

    public static SourceReadResult Failed(SourceReadFailure failure, string detail) => new(null, failure, detail);
}

/// <summary>Reads source files; the disk adapter lives in FileSystem/, tests supply files from memory.</summary>
public interface ISourceFileReader
{
    /// <param name="path">The path as the user gave it; the returned text is known by this path.</param>
    SourceReadResult Read(string path, CancellationToken cancellationToken);
}
