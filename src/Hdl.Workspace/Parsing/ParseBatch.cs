using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Preprocessor;

namespace Hdl.Workspace.Parsing;

/// <summary>How a batch parse runs: what the preprocessor gets, which VHDL edition, how many files at once.</summary>
public sealed record ParseBatchOptions
{
    public PreprocessorOptions Preprocessor { get; init; } = PreprocessorOptions.Default;

    public LanguageVersion VhdlVersion { get; init; } = LanguageVersion.Vhdl2008;

    /// <summary>Files parsed at once; the host passes the processor count (the workspace does not read the machine).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}

/// <summary>What became of one file.</summary>
public enum FileParseOutcome
{
    Parsed,
    NotFound,
    Unreadable,
    Binary,

    /// <summary>The language has no parser yet (VHDL until it lands); reported as a warning.</summary>
    Unsupported,

    /// <summary>The parser threw: a bug in this project, reported as an error for the file so the batch goes on.</summary>
    InternalError,
}

/// <summary>One file's result: its diagnostics, or the reason it was not parsed. The tree is not kept, so batches stay small.</summary>
public sealed record FileParseResult(
    string Path,
    HdlLanguage? Language,
    FileParseOutcome Outcome,
    int LineCount,
    ImmutableArray<Diagnostic> Diagnostics,
    string? Problem)
{
    public int ErrorCount => CountDiagnostics(DiagnosticSeverity.Error) + (Outcome is FileParseOutcome.NotFound or FileParseOutcome.Unreadable or FileParseOutcome.InternalError ? 1 : 0);

    public int WarningCount => CountDiagnostics(DiagnosticSeverity.Warning) + (Outcome is FileParseOutcome.Binary or FileParseOutcome.Unsupported ? 1 : 0);

    public bool HasErrors => ErrorCount > 0;

    private int CountDiagnostics(DiagnosticSeverity severity)
    {
        var count = 0;
        foreach (var diagnostic in Diagnostics)
        {
            if (diagnostic.Severity == severity)
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>All files of a batch, in the order they were given, with totals.</summary>
public sealed record ParseBatchResult(ImmutableArray<FileParseResult> Files)
{
    public int ParsedFileCount => Files.Count(file => file.Outcome == FileParseOutcome.Parsed);

    public long LineCount => Files.Sum(file => (long)file.LineCount);

    public int ErrorCount => Files.Sum(file => file.ErrorCount);

    public int WarningCount => Files.Sum(file => file.WarningCount);

    public bool HasErrors => Files.Any(file => file.HasErrors);
}

/// <summary>
/// Parses many files in parallel and gathers their diagnostics in input order. The work behind `hdl parse`,
/// here so the language server can index a workspace the same way.
/// </summary>
public static class ParseBatch
{
    public static ParseBatchResult Run(
        IReadOnlyList<string> paths,
        ParseBatchOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(includes);
        var results = new FileParseResult[paths.Count];
        var parseOptions = new ParseOptions { Preprocessor = options.Preprocessor, VhdlVersion = options.VhdlVersion };
        var parallelOptions = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism),
            CancellationToken = cancellationToken,
        };

        // One file at a time per worker (no chunking): file sizes vary by orders of magnitude, so chunks would idle cores.
        var indices = Partitioner.Create(Enumerable.Range(0, paths.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(indices, parallelOptions, index =>
            results[index] = ParseOne(paths[index], parseOptions, reader, includes, cancellationToken));
        return new ParseBatchResult([.. results]);
    }

    public static FileParseResult ParseOne(string path, ParseOptions parseOptions, ISourceFileReader reader, IIncludeSource includes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parseOptions);
        ArgumentNullException.ThrowIfNull(reader);
        var language = HdlLanguages.FromPath(path);
        var read = reader.Read(path, cancellationToken);
        if (read.Text is null)
        {
            var outcome = read.Failure switch
            {
                SourceReadFailure.NotFound => FileParseOutcome.NotFound,
                SourceReadFailure.Binary => FileParseOutcome.Binary,
                _ => FileParseOutcome.Unreadable,
            };
            return new FileParseResult(path, language, outcome, 0, [], read.Detail ?? outcome.ToString());
        }

        var lineCount = CountLines(read.Text.Text);
        try
        {
            var tree = SyntaxParser.Parse(read.Text, parseOptions, includes, cancellationToken);
            return new FileParseResult(path, tree.Language, FileParseOutcome.Parsed, lineCount, tree.Diagnostics, null);
        }
        catch (NotSupportedException exception)
        {
            return new FileParseResult(path, language, FileParseOutcome.Unsupported, lineCount, [], exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new FileParseResult(path, language, FileParseOutcome.InternalError, lineCount, [], $"internal error: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>Lines as `wc -l` counts them, plus a last line without a newline, so benchmark numbers compare with other tools.</summary>
    public static int CountLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = text.AsSpan().Count('\n');
        return text.Length > 0 && text[^1] != '\n' ? count + 1 : count;
    }
}
