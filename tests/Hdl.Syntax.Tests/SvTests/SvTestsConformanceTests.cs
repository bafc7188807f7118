using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Hdl.Syntax.Tests.SvTests;

/// <summary>A fact that runs only when SV_TESTS_DIR names a checkout of chipsalliance/sv-tests.</summary>
public sealed class SvTestsFactAttribute : FactAttribute
{
    public const string Variable = "SV_TESTS_DIR";

    public SvTestsFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set; point it at a checkout of chipsalliance/sv-tests to run the conformance suite.";
        }
    }
}

/// <summary>
/// The parsing part of the SystemVerilog conformance suite sv-tests. Every test's outcome is compared with the
/// committed expectation file: a test listed as passing that now fails is a regression and fails this test.
/// Tests that newly pass are reported; UPDATE_EXPECT=1 rewrites the file with today's outcomes.
/// </summary>
public class SvTestsConformanceTests(ITestOutputHelper output)
{
    private static readonly string ExpectationFile = Path.Combine(FindTestProjectDirectory(), "SvTests", "expected-results.txt");

    [SvTestsFact]
    public void Parsing_tests_do_not_regress()
    {
        var suiteRoot = Environment.GetEnvironmentVariable(SvTestsFactAttribute.Variable)!;
        var outcomes = SvTestsSuite.Discover(suiteRoot).Select(SvTestsSuite.Run).ToList();
        output.WriteLine(Summarize(outcomes));
        foreach (var failure in outcomes.Where(o => !o.Passed))
        {
            output.WriteLine(failure.Test.ShouldFail
                ? $"fail {failure.Test.RelativePath}: accepted, but must fail because {failure.Test.ShouldFailBecause}"
                : $"fail {failure.Test.RelativePath}: {failure.FirstError}");
        }

        var actual = Render(outcomes);
        if (CorpusFile.UpdateRequested)
        {
            File.WriteAllText(ExpectationFile, actual);
            return;
        }

        var expectedPassing = File.Exists(ExpectationFile)
            ? File.ReadAllLines(ExpectationFile).Where(line => line.EndsWith(" pass", StringComparison.Ordinal)).Select(line => line[..^" pass".Length]).ToHashSet()
            : [];
        var regressions = outcomes.Where(o => !o.Passed && expectedPassing.Contains(o.Test.RelativePath)).Select(o => o.Test.RelativePath).ToList();
        foreach (var improvement in outcomes.Where(o => o.Passed && !expectedPassing.Contains(o.Test.RelativePath)))
        {
            output.WriteLine($"newly passing (run with UPDATE_EXPECT=1 to record): {improvement.Test.RelativePath}");
        }

        Assert.True(regressions.Count == 0, "Tests that passed before now fail:\n" + string.Join('\n', regressions));
    }

    private static string Summarize(List<SvTestOutcome> outcomes)
    {
        var valid = outcomes.Where(o => !o.Test.ShouldFail).ToList();
        var mustFail = outcomes.Where(o => o.Test.ShouldFail).ToList();
        var passed = outcomes.Count(o => o.Passed);
        return string.Create(CultureInfo.InvariantCulture,
            $"sv-tests parsing: {passed}/{outcomes.Count} passed ({Percent(passed, outcomes.Count)}); " +
            $"valid tests accepted {valid.Count(o => o.Passed)}/{valid.Count} ({Percent(valid.Count(o => o.Passed), valid.Count)}); " +
            $"must-fail tests rejected {mustFail.Count(o => o.Passed)}/{mustFail.Count} ({Percent(mustFail.Count(o => o.Passed), mustFail.Count)})");
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Render(List<SvTestOutcome> outcomes)
    {
        var builder = new StringBuilder();
        foreach (var outcome in outcomes.OrderBy(o => o.Test.RelativePath, StringComparer.Ordinal))
        {
            builder.Append(outcome.Test.RelativePath).Append(outcome.Passed ? " pass" : " fail").Append('\n');
        }

        return builder.ToString();
    }

    private static string FindTestProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hdl.Syntax.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
