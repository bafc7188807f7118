using System.Collections.Immutable;
using System.Text;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace.Parsing;

namespace Hdl.Workspace.Tests;

public class ParseBatchTests
{
    [Fact]
    public void Results_keep_input_order_and_report_each_outcome()
    {
        CheckBatch(
            """
            //- a.sv
            module a; endmodule
            //- missing.sv !missing
            //- blob.v !binary
            //- b.v
            module b;
            endmodule
            //- c.vhd
            entity c is end entity;
            """,
            """
            a.sv parsed lines=1
            missing.sv notFound lines=0 errors=1: file not found
            blob.v binary lines=0 warnings=1: binary
            b.v parsed lines=2
            c.vhd parsed-or-unsupported
            """);
    }

    [Fact]
    public void Many_files_in_parallel_come_back_in_the_order_given()
    {
        var files = string.Join('\n', Enumerable.Range(0, 64).Select(index => $"//- f{index:D2}.sv\nmodule m{index}; endmodule"));
        var expected = string.Join('\n', Enumerable.Range(0, 64).Select(index => $"f{index:D2}.sv parsed lines=1"));
        CheckBatch(files, expected, parallelism: 4);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a\n", 1)]
    [InlineData("a\nb", 2)]
    [InlineData("a\r\nb\r\n", 2)]
    public void Lines_are_counted_as_wc_does_plus_an_unterminated_last_line(string text, int expected)
    {
        Assert.Equal(expected, ParseBatch.CountLines(text));
    }

    /// <summary>
    /// Runs a batch over in-memory files (`//- path`, optionally `!missing` or `!binary`) and compares one line per
    /// file. VHDL renders as `parsed-or-unsupported` while the VHDL parser is landing, so this test holds either way.
    /// </summary>
    private static void CheckBatch(string fixture, string expected, int parallelism = 2)
    {
        var reader = new MemoryReader();
        var paths = new List<string>();
        string? current = null;
        var content = new StringBuilder();
        void Flush()
        {
            if (current is not null)
            {
                reader.Files[current] = content.ToString();
            }
        }

        foreach (var line in fixture.Split('\n'))
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                Flush();
                var parts = line[4..].Split(' ');
                paths.Add(parts[0]);
                current = parts.Length > 1 && parts[1] == "!missing" ? null : parts[0];
                if (parts.Length > 1 && parts[1] == "!binary")
                {
                    reader.Binary.Add(parts[0]);
                }

                content.Clear();
                continue;
            }

            content.Append(line).Append('\n');
        }

        Flush();
        var result = ParseBatch.Run(paths, new ParseBatchOptions { MaxDegreeOfParallelism = parallelism }, reader, new NoIncludes(), CancellationToken.None);
        var rendered = result.Files.Select(file =>
        {
            if (file.Language == Hdl.Syntax.HdlLanguage.Vhdl && file.Outcome is FileParseOutcome.Parsed or FileParseOutcome.Unsupported)
            {
                return $"{file.Path} parsed-or-unsupported";
            }

            var text = new StringBuilder($"{file.Path} {Camel(file.Outcome)} lines={file.LineCount}");
            if (file.ErrorCount > 0)
            {
                text.Append($" errors={file.ErrorCount}");
            }

            if (file.WarningCount > 0)
            {
                text.Append($" warnings={file.WarningCount}");
            }

            if (file.Problem is not null)
            {
                text.Append(": ").Append(file.Problem);
            }

            return text.ToString();
        });
        Assert.Equal(expected.Trim(), string.Join('\n', rendered));
    }

    private static string Camel(FileParseOutcome outcome) => char.ToLowerInvariant(outcome.ToString()[0]) + outcome.ToString()[1..];

    private sealed class MemoryReader : ISourceFileReader
    {
        public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Binary { get; } = new(StringComparer.Ordinal);

        public SourceReadResult Read(string path, CancellationToken cancellationToken)
        {
            if (Binary.Contains(path))
            {
                return SourceReadResult.Failed(SourceReadFailure.Binary, "binary");
            }

            return Files.TryGetValue(path, out var text)
                ? SourceReadResult.Success(SourceText.From(path, text.TrimEnd('\n') + "\n"))
                : SourceReadResult.Failed(SourceReadFailure.NotFound, "file not found");
        }
    }

    private sealed class NoIncludes : IIncludeSource
    {
        public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories) => null;
    }
}
