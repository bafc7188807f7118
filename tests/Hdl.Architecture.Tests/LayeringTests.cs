using System.Xml.Linq;

namespace Hdl.Architecture.Tests;

/// <summary>
/// STYLE §2: project references point only down the layer list, and the language server and the MCP server never
/// reference each other. Read from the .csproj files, so a wrong edge fails here before it spreads.
/// </summary>
public class LayeringTests
{
    /// <summary>Lowest first. Projects on the same rank (LanguageServer, Mcp) may not reference each other.</summary>
    private static readonly Dictionary<string, int> LayerRanks = new(StringComparer.Ordinal)
    {
        ["Hdl.Syntax"] = 0,
        ["Hdl.Design"] = 1,
        ["Hdl.Workspace"] = 2,
        ["Hdl.Retrieval"] = 3,
        ["Hdl.Assist"] = 4,
        ["Hdl.LanguageServer"] = 5,
        ["Hdl.Mcp"] = 5,
        ["Hdl.Cli"] = 6,
    };

    [Fact]
    public void Source_projects_reference_only_lower_layers()
    {
        var violations = new List<string>();
        foreach (var (project, references) in SourceProjectReferences())
        {
            foreach (var reference in references)
            {
                var edge = $"{project} -> {reference}";
                if (!LayerRanks.TryGetValue(reference, out var referenceRank))
                {
                    violations.Add($"{edge}: not a source layer");
                }
                else if (referenceRank >= LayerRanks[project])
                {
                    violations.Add($"{edge}: points up or sideways in the layer list");
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_source_project_is_a_known_layer()
    {
        var unknown = SourceProjectReferences().Select(pair => pair.Project).Where(name => !LayerRanks.ContainsKey(name));
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("Hdl.Syntax", "Hdl.Workspace", false)]
    [InlineData("Hdl.Workspace", "Hdl.Syntax", true)]
    [InlineData("Hdl.Mcp", "Hdl.LanguageServer", false)]
    [InlineData("Hdl.LanguageServer", "Hdl.Mcp", false)]
    [InlineData("Hdl.Cli", "Hdl.Mcp", true)]
    [InlineData("Hdl.Retrieval", "Hdl.Workspace", true)]
    [InlineData("Hdl.Workspace", "Hdl.Retrieval", false)]
    [InlineData("Hdl.Cli", "Hdl.Retrieval", true)]
    [InlineData("Hdl.LanguageServer", "Hdl.Workspace", true)]
    [InlineData("Hdl.Workspace", "Hdl.LanguageServer", false)]
    [InlineData("Hdl.Cli", "Hdl.LanguageServer", true)]
    public void The_rule_itself_allows_only_downward_edges(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, LayerRanks[to] < LayerRanks[from]);
    }

    private static List<(string Project, List<string> References)> SourceProjectReferences()
    {
        var sourceFolder = Path.Combine(FindRepositoryRoot(), "src");
        var result = new List<(string, List<string>)>();
        foreach (var projectFile in Directory.GetFiles(sourceFolder, "*.csproj", SearchOption.AllDirectories))
        {
            if (projectFile.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || projectFile.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var references = XDocument.Load(projectFile)
                .Descendants("ProjectReference")
                .Select(element => Path.GetFileNameWithoutExtension(element.Attribute("Include")?.Value.Replace('\\', '/') ?? string.Empty))
                .ToList();
            result.Add((Path.GetFileNameWithoutExtension(projectFile), references));
        }

        Assert.NotEmpty(result);
        return result;
    }

    private static string FindRepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Hdl.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"no Hdl.sln above {AppContext.BaseDirectory}");
    }
}
