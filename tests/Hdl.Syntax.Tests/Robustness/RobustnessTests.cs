using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Xunit.Abstractions;

namespace Hdl.Syntax.Tests.Robustness;

/// <summary>
/// Property: whatever the text, preprocessing and parsing return a tree and diagnostics, never throw and never hang
/// (ARCHITECTURE: nothing an editor sends may crash the server). Inputs are the real example design files, truncated,
/// line-shuffled and byte-mutated with a fixed seed so a failure reproduces.
/// </summary>
public class RobustnessTests(ITestOutputHelper output)
{
    /// <summary>Generous on purpose: this detects hangs; speed is measured by the benchmarks.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    /// <summary>Keeps the whole property test bounded on a slow machine; cases past it are counted as not run.</summary>
    private static readonly TimeSpan TotalBudget = TimeSpan.FromSeconds(50);

    private const int TruncationsPerFile = 24;
    private const int ShufflesPerFile = 4;
    private const int MutationsPerFile = 40;

    private static readonly string[] Fragments =
    [
        "`", "\"", "/*", "*/", "//", "(", ")", "[", "]", "{", "}", "`define X(a) a", "`ifdef X", "`else", "`endif",
        "`include \"", "`X(", "begin", "end", "module", "endmodule", "\\", "\n", "'", "`\"", "``", "--", "entity", "process",
    ];

    [Fact]
    public async Task Mutated_example_files_always_yield_a_tree_and_diagnostics()
    {
        var examples = ExampleFiles();
        Assert.NotEmpty(examples);
        var includes = new MemoryIncludeSource(examples);
        var stopwatch = Stopwatch.StartNew();
        var cases = 0;
        var skippedFiles = new List<string>();
        var slowest = (Time: TimeSpan.Zero, Name: string.Empty);
        var failures = new List<string>();

        for (var fileIndex = 0; fileIndex < examples.Length && stopwatch.Elapsed < TotalBudget; fileIndex++)
        {
            var (path, text) = examples[fileIndex];
            if (!LanguageIsParsed(path))
            {
                // FIXME: VHDL files join the property once SyntaxParser parses VHDL (branch vhdl).
                skippedFiles.Add(path);
                continue;
            }

            var random = new Random(20261125 + fileIndex);
            foreach (var (name, variant) in Variants(path, text, random))
            {
                if (stopwatch.Elapsed >= TotalBudget)
                {
                    break;
                }

                cases++;
                var (elapsed, failure) = await ParseWithinAsync(SourceText.From(path, variant), includes);
                if (elapsed > slowest.Time)
                {
                    slowest = (elapsed, name);
                }

                if (failure is not null)
                {
                    failures.Add($"{name}: {failure}");
                }
            }
        }

        output.WriteLine($"{cases} cases over {examples.Length - skippedFiles.Count} files in {stopwatch.Elapsed.TotalSeconds:F1} s; slowest {slowest.Time.TotalMilliseconds:F0} ms ({slowest.Name})");
        if (skippedFiles.Count > 0)
        {
            output.WriteLine($"not parsed yet (language unsupported): {string.Join(", ", skippedFiles)}");
        }

        Assert.True(cases > 0, "no case ran");
        Assert.Empty(failures);
    }

    private static async Task<(TimeSpan Elapsed, string? Failure)> ParseWithinAsync(SourceText text, IIncludeSource includes)
    {
        using var cancellation = new CancellationTokenSource(HangLimit);
        var options = new ParseOptions
        {
            Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = ["include"], Defines = [new MacroDefine("SIMULATION", null)] },
        };
        var stopwatch = Stopwatch.StartNew();
        // A separate task so even a loop that never checks the token is caught: we stop waiting at the limit.
        var parse = Task.Run(() => SyntaxParser.Parse(text, options, includes, cancellation.Token), CancellationToken.None);
        try
        {
            var tree = await parse.WaitAsync(HangLimit + TimeSpan.FromSeconds(5));
            if (tree.Diagnostics.IsDefault)
            {
                return (stopwatch.Elapsed, "diagnostics missing");
            }

            _ = tree.Root;
            return (stopwatch.Elapsed, null);
        }
        catch (TimeoutException)
        {
            return (stopwatch.Elapsed, $"hang: no result after {HangLimit.TotalSeconds + 5} s");
        }
        catch (OperationCanceledException)
        {
            return (stopwatch.Elapsed, $"hang: cancelled after {HangLimit.TotalSeconds} s");
        }
        catch (Exception exception)
        {
            return (stopwatch.Elapsed, $"threw {exception}");
        }
    }

    private static IEnumerable<(string Name, string Text)> Variants(string path, string text, Random random)
    {
        var name = Path.GetFileName(path);
        yield return ($"{name} original", text);
        for (var index = 1; index <= TruncationsPerFile; index++)
        {
            var offset = (int)((long)text.Length * index / (TruncationsPerFile + 1));
            yield return ($"{name} truncated at {offset}", text[..offset]);
        }

        var lines = text.Split('\n');
        for (var index = 0; index < ShufflesPerFile; index++)
        {
            var shuffled = (string[])lines.Clone();
            random.Shuffle(shuffled);
            yield return ($"{name} shuffle {index}", string.Join('\n', shuffled));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        for (var index = 0; index < MutationsPerFile; index++)
        {
            var mutated = new List<byte>(bytes);
            var edits = random.Next(1, 9);
            for (var edit = 0; edit < edits; edit++)
            {
                Mutate(mutated, random);
            }

            yield return ($"{name} mutation {index}", Encoding.UTF8.GetString([.. mutated]));
        }
    }

    private static void Mutate(List<byte> bytes, Random random)
    {
        var position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(4))
        {
            case 0 when bytes.Count > 0:
                bytes[position] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.Insert(position, (byte)random.Next(256));
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(position, Math.Min(bytes.Count - position, random.Next(1, 16)));
                break;
            default:
                bytes.InsertRange(position, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                break;
        }
    }

    private static bool LanguageIsParsed(string path)
    {
        try
        {
            SyntaxParser.Parse(SourceText.From(path, string.Empty));
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Every HDL file under examples/, found from the test assembly's location, in a stable order.</summary>
    private static ImmutableArray<(string Path, string Text)> ExampleFiles()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Hdl.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var examples = Path.Combine(folder.FullName, "examples");
        var files = Directory.GetFiles(examples, "*", SearchOption.AllDirectories)
            .Where(file => HdlLanguages.FromPath(file) is not null)
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(examples, file).Replace('\\', '/'), File.ReadAllText(file)));
        return [.. files];
    }

    /// <summary>Resolves `include by file name among the example files, so the test does no lookups on disk.</summary>
    private sealed class MemoryIncludeSource(ImmutableArray<(string Path, string Text)> files) : IIncludeSource
    {
        private readonly Dictionary<string, SourceText> _byName = files
            .GroupBy(file => Path.GetFileName(file.Path), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => SourceText.From(group.First().Path, group.First().Text), StringComparer.Ordinal);

        public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories) =>
            _byName.GetValueOrDefault(Path.GetFileName(includeName));
    }
}
