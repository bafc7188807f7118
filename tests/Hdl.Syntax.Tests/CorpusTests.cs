using System.Text;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Tests;

/// <summary>
/// Grammar corpus tests in tree-sitter format: every file under Corpus/&lt;Language&gt;/ holds cases of
/// a name between `===` lines, the source, a `---` line and the expected S-expression. Each case must
/// parse without diagnostics and give that tree. UPDATE_EXPECT=1 rewrites the expected trees in the
/// source folder instead of failing.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in CorpusFile.FindAll())
        {
            foreach (var corpusCase in CorpusFile.Read(file))
            {
                data.Add(Path.GetRelativePath(CorpusFile.SourceRoot, file), corpusCase.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case_parses_to_the_expected_tree(string relativePath, string caseName)
    {
        var path = Path.Combine(CorpusFile.SourceRoot, relativePath);
        var corpusCase = CorpusFile.Read(path).Single(c => c.Name == caseName);
        var actual = Dump(relativePath, corpusCase.Source);
        if (actual == corpusCase.Expected)
        {
            return;
        }

        if (CorpusFile.UpdateRequested)
        {
            CorpusFile.Rewrite(path, caseName, actual);
            return;
        }

        Assert.Equal(corpusCase.Expected, actual);
    }

    private static string Dump(string relativePath, string source)
    {
        var language = relativePath.Split(Path.DirectorySeparatorChar)[0] switch
        {
            "Vhdl" => HdlLanguage.Vhdl,
            "Verilog" => HdlLanguage.Verilog,
            _ => HdlLanguage.SystemVerilog,
        };
        var tree = SyntaxParser.Parse(SourceText.From("case" + Extension(language), source), new ParseOptions { Language = language });
        var output = new StringBuilder();
        foreach (var diagnostic in tree.Diagnostics)
        {
            output.Append("; ").AppendLine(diagnostic.ToString());
        }

        output.Append(SyntaxTreeDump.ToSExpression(tree.Root));
        return output.ToString();
    }

    private static string Extension(HdlLanguage language) => language switch
    {
        HdlLanguage.Vhdl => ".vhd",
        HdlLanguage.Verilog => ".v",
        _ => ".sv",
    };
}

/// <summary>Reads and rewrites corpus files: `===` name `===`, source, `---`, expected tree.</summary>
internal static class CorpusFile
{
    public sealed record Case(string Name, string Source, string Expected);

    public static bool UpdateRequested => Environment.GetEnvironmentVariable("UPDATE_EXPECT") == "1";

    /// <summary>The Corpus folder in the source tree (so updates land in the repository, not in bin/).</summary>
    public static string SourceRoot { get; } = FindSourceRoot();

    public static IEnumerable<string> FindAll() =>
        Directory.Exists(SourceRoot)
            ? Directory.EnumerateFiles(SourceRoot, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    public static List<Case> Read(string path)
    {
        var cases = new List<Case>();
        var lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var index = 0;
        while (index < lines.Length)
        {
            if (!IsHeaderRule(lines[index]))
            {
                index++;
                continue;
            }

            var name = lines[index + 1].Trim();
            index += 3;
            var source = new List<string>();
            while (index < lines.Length && lines[index] != "---")
            {
                source.Add(lines[index++]);
            }

            index++;
            var expected = new List<string>();
            while (index < lines.Length && !IsHeaderRule(lines[index]))
            {
                expected.Add(lines[index++]);
            }

            cases.Add(new Case(name, string.Join('\n', source).Trim('\n') + "\n", string.Join('\n', expected).Trim()));
        }

        return cases;
    }

    public static void Rewrite(string path, string caseName, string actual)
    {
        var builder = new StringBuilder();
        foreach (var corpusCase in Read(path))
        {
            var expected = corpusCase.Name == caseName ? actual : corpusCase.Expected;
            builder.Append("==================\n").Append(corpusCase.Name).Append("\n==================\n")
                .Append(corpusCase.Source).Append("---\n").Append(expected).Append("\n\n");
        }

        File.WriteAllText(path, builder.ToString().TrimEnd('\n') + "\n");
    }

    private static bool IsHeaderRule(string line) => line.Length >= 3 && line.All(c => c == '=');

    private static string FindSourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Hdl.Syntax.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "Corpus");
    }
}
