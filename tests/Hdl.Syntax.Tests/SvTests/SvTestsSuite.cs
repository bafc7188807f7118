using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests.SvTests;

/// <summary>One sv-tests test as its metadata describes it (tools/runner in chipsalliance/sv-tests).</summary>
internal sealed record SvTestCase(
    string RelativePath,
    ImmutableArray<string> Files,
    ImmutableArray<string> IncludeDirectories,
    ImmutableArray<MacroDefine> Defines,
    string? ShouldFailBecause)
{
    public bool ShouldFail => ShouldFailBecause is not null;
}

/// <summary>What running one test gave: whether it passed and the first error we reported, if any.</summary>
internal sealed record SvTestOutcome(SvTestCase Test, bool Passed, string? FirstError);

/// <summary>
/// Finds the parsing tests of an sv-tests checkout and runs our preprocessor and parser over them, the way
/// the suite's own runner does: a test belongs to the parsing group when its `:type:` names `parsing`, and a
/// test without `:type:` counts as `parsing elaboration`. A valid test passes when we report no error; a
/// must-fail test (`:should_fail_because:`) passes when we report at least one.
/// </summary>
internal static partial class SvTestsSuite
{
    /// <summary>Libraries the runner prepends for tags (conf/runners/libs.json); used only when checked out.</summary>
    private static readonly (string Tag, string File, string IncludeDirectory)[] TagLibraries =
    [
        ("uvm", "third_party/tests/uvm/src/uvm_pkg.sv", "third_party/tests/uvm/src"),
        ("uvm-1.2", "third_party/tests/uvm-1.2/src/uvm_pkg.sv", "third_party/tests/uvm-1.2/src"),
    ];

    public static List<SvTestCase> Discover(string suiteRoot)
    {
        var testsRoot = Path.Combine(suiteRoot, "tests");
        var cases = new List<SvTestCase>();
        foreach (var path in Directory.EnumerateFiles(testsRoot, "*.sv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var metadata = ReadMetadata(path);
            var types = metadata.GetValueOrDefault("type", "parsing elaboration").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!types.Contains("parsing"))
            {
                continue;
            }

            var files = new List<string>();
            var includeDirectories = new List<string>();
            var tags = metadata.GetValueOrDefault("tags", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var (tag, file, includeDirectory) in TagLibraries)
            {
                if (tags.Contains(tag) && File.Exists(Path.Combine(suiteRoot, file)))
                {
                    files.Add(Path.Combine(suiteRoot, file));
                    includeDirectories.Add(Path.Combine(suiteRoot, includeDirectory));
                }
            }

            // Listed files are relative to the suite's tests folder, like the runner's default (the test itself).
            files.AddRange(metadata.TryGetValue("files", out var listed)
                ? listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.GetFullPath(Path.Combine(testsRoot, f)))
                : [path]);
            includeDirectories.AddRange(metadata.TryGetValue("incdirs", out var incdirs)
                ? incdirs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.GetFullPath(Path.Combine(testsRoot, d)))
                : [Path.GetDirectoryName(path)!]);
            var defines = metadata.GetValueOrDefault("defines", "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(ParseDefine);
            cases.Add(new SvTestCase(
                Path.GetRelativePath(suiteRoot, path).Replace('\\', '/'),
                [.. files],
                [.. includeDirectories],
                [.. defines],
                metadata.GetValueOrDefault("should_fail_because")));
        }

        return cases;
    }

    public static SvTestOutcome Run(SvTestCase test)
    {
        var includes = new DiskIncludeSource();
        var options = new ParseOptions
        {
            Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = test.IncludeDirectories, Defines = test.Defines },
        };
        string? firstError = null;
        foreach (var file in test.Files)
        {
            if (!File.Exists(file))
            {
                firstError ??= $"{file}: listed file does not exist";
                continue;
            }

            var tree = SyntaxParser.Parse(SourceText.From(file, File.ReadAllText(file)), options, includes);
            firstError ??= tree.Diagnostics.FirstOrDefault(d => d.IsError)?.ToString();
        }

        var reportedError = firstError is not null;
        return new SvTestOutcome(test, reportedError == test.ShouldFail, firstError);
    }

    /// <summary>The `:key: value` lines of the test's header; a later line overrides an earlier one, as in the runner.</summary>
    private static Dictionary<string, string> ReadMetadata(string path)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var match = MetadataLine().Match(line);
            if (match.Success)
            {
                metadata[match.Groups[1].Value.ToLowerInvariant()] = match.Groups[2].Value.Trim();
            }
        }

        return metadata;
    }

    private static MacroDefine ParseDefine(string define)
    {
        var equals = define.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new MacroDefine(define, null) : new MacroDefine(define[..equals], define[(equals + 1)..]);
    }

    [GeneratedRegex(@"^:([a-zA-Z_-]+):\s*(.+)")]
    private static partial Regex MetadataLine();
}
