using Hdl.Workspace.Configuration;
using Hdl.Workspace.FileSystem;

namespace Hdl.Workspace.Tests.Configuration;

/// <summary>hdl.json, .gitignore and exclude globs: what a workspace folder contributes besides its HDL files.</summary>
public class WorkspaceConfigurationTests
{
    [Fact]
    public void Every_field_of_hdl_json_is_read_with_comments_and_trailing_commas()
    {
        CheckConfiguration("""
            {
              // where `include files are
              "includeDirs": ["rtl/include", "ip/inc"],
              "defines": {"SYNTHESIS": null, "WIDTH": 8, "NAME": "x"},
              "filelists": ["sim/files.f"],
              "exclude": ["vendor/", "**/*_tb.sv"],
              "libraries": {"osvvm": ["lib/osvvm/**"], "uvvm": "lib/uvvm/*.vhd"},
              "tops": ["chip_top"],
              "gitignore": false,
            }
            """, """
            includeDirs: rtl/include, ip/inc
            defines: SYNTHESIS, WIDTH=8, NAME=x
            filelists: sim/files.f
            exclude: vendor/, **/*_tb.sv
            libraries: osvvm=lib/osvvm/**; uvvm=lib/uvvm/*.vhd
            tops: chip_top
            gitignore: False
            """);
    }

    [Fact]
    public void Defines_may_also_be_a_list_of_name_equals_value()
    {
        CheckConfiguration("""{"defines": ["A", "B=2"]}""", """
            includeDirs: 
            defines: A, B=2
            filelists: 
            exclude: 
            libraries: 
            tops: 
            gitignore: True
            """);
    }

    [Theory]
    [InlineData("{\n  \"includeDirs\": \"rtl\"\n}", "hdl.json:2:18: 'includeDirs' must be an array of strings")]
    [InlineData("{\n  \"tops\": [\"a\", 3]\n}", "hdl.json:2:17: 'tops' must be an array of strings")]
    [InlineData("{\n  \"top\": [\"a\"]\n}", "hdl.json:2:3: unknown field 'top' (known: includeDirs, defines, filelists, exclude, libraries, tops, gitignore)")]
    [InlineData("{\n  \"tops\": [\"a\"\n}", "hdl.json:3:1: '}' is invalid without a matching open.")]
    [InlineData("[1]", "hdl.json:1:1: hdl.json must hold one JSON object")]
    [InlineData("{\"defines\": {\"A\": [1]}}", "hdl.json:1:19: define 'A' must be a string, a number or null")]
    public void A_malformed_hdl_json_is_an_error_with_line_and_column(string text, string expected)
    {
        var (_, errors) = WorkspaceConfigurationReader.Parse("hdl.json", text);

        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData("*.log", "build/out.log", false, true)]
    [InlineData("*.log", "out.log", false, true)]
    [InlineData("/top.sv", "top.sv", false, true)]
    [InlineData("/top.sv", "rtl/top.sv", false, false)]
    [InlineData("build/", "a/build", true, true)]
    [InlineData("build/", "a/build", false, false)]
    [InlineData("rtl/gen", "rtl/gen", true, true)]
    [InlineData("rtl/gen", "x/rtl/gen", true, false)]
    [InlineData("**/tb/*.sv", "a/b/tb/t.sv", false, true)]
    [InlineData("**/tb/*.sv", "tb/t.sv", false, true)]
    [InlineData("vendor/**", "vendor/x/y.sv", false, true)]
    [InlineData("a/**/b.sv", "a/b.sv", false, true)]
    [InlineData("a/**/b.sv", "a/x/y/b.sv", false, true)]
    [InlineData("file?.v", "file1.v", false, true)]
    [InlineData("file?.v", "file10.v", false, false)]
    [InlineData("[ab]_*.sv", "b_top.sv", false, true)]
    [InlineData("[!ab]_*.sv", "b_top.sv", false, false)]
    [InlineData("\\#keep.sv", "#keep.sv", false, true)]
    [InlineData("# a comment", "# a comment", false, false)]
    public void Gitignore_patterns_match_as_git_matches_them(string pattern, string path, bool isDirectory, bool ignored)
    {
        Assert.Equal(ignored, IgnoreRules.Parse(string.Empty, pattern).IsIgnored(path, isDirectory));
    }

    [Fact]
    public void The_last_matching_rule_wins_so_negation_takes_a_file_back()
    {
        var rules = IgnoreRules.Parse(string.Empty, "*.sv\n!keep.sv\n");

        Assert.True(rules.IsIgnored("rtl/drop.sv", false));
        Assert.False(rules.IsIgnored("rtl/keep.sv", false));
    }

    [Fact]
    public void Folder_walk_respects_root_and_nested_gitignore_excludes_and_default_tool_folders()
    {
        using var folder = new TempFolder();
        folder.Write(".gitignore", "build/\n*_old.sv\n/scratch.sv\n");
        folder.Write("rtl/.gitignore", "gen_*.sv\n!gen_keep.sv\n");
        foreach (var file in new[]
        {
            "top.sv", "scratch.sv", "rtl/scratch.sv", "rtl/a.sv", "rtl/a_old.sv", "rtl/gen_x.sv", "rtl/gen_keep.sv",
            "build/out.sv", "ip/build/out.sv", "ip/vendor/v.sv", "ip/b.vhd", "gen_x.sv", ".git/x.sv", ".hdl/x.sv", "node_modules/x.v",
        })
        {
            folder.Write(file, "module m; endmodule\n");
        }

        var options = new FileDiscoveryOptions { Excludes = IgnoreRules.FromGlobs(["ip/vendor/**"]) };
        var files = HdlFileDiscovery.Discover([folder.Root], options, CancellationToken.None).Files
            .Select(path => Path.GetRelativePath(folder.Root, path).Replace('\\', '/'));

        Assert.Equal("gen_x.sv, ip/b.vhd, rtl/a.sv, rtl/gen_keep.sv, rtl/scratch.sv, top.sv", string.Join(", ", files.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Gitignore_can_be_turned_off()
    {
        using var folder = new TempFolder();
        folder.Write(".gitignore", "*.sv\n");
        folder.Write("a.sv", "module a; endmodule\n");

        var files = HdlFileDiscovery.Discover([folder.Root], new FileDiscoveryOptions { RespectGitIgnore = false }, CancellationToken.None).Files;

        Assert.Single(files);
    }

    [Fact]
    public void Vhdl_files_go_to_the_first_library_whose_globs_match()
    {
        var map = LibraryMapping.Map("/ws", ["/ws/lib/osvvm/a.vhd", "/ws/lib/uvvm/b.vhd", "/ws/rtl/c.vhd", "/ws/lib/osvvm/d.sv"], [
            new("osvvm", ["lib/osvvm/**"]),
            new("uvvm", ["lib/uvvm/*.vhd"]),
        ]);

        Assert.Equal("/ws/lib/osvvm/a.vhd=osvvm, /ws/lib/uvvm/b.vhd=uvvm", string.Join(", ", map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")));
    }

    private static void CheckConfiguration(string text, string expected)
    {
        var (configuration, errors) = WorkspaceConfigurationReader.Parse("hdl.json", text);
        Assert.Empty(errors);
        var lines = new[]
        {
            $"includeDirs: {string.Join(", ", configuration.IncludeDirectories)}",
            $"defines: {string.Join(", ", configuration.Defines.Select(define => define.Value is null ? define.Name : $"{define.Name}={define.Value}"))}",
            $"filelists: {string.Join(", ", configuration.Filelists)}",
            $"exclude: {string.Join(", ", configuration.Exclude)}",
            $"libraries: {string.Join("; ", configuration.Libraries.Select(library => $"{library.Key}={string.Join(",", library.Value)}"))}",
            $"tops: {string.Join(", ", configuration.Tops)}",
            $"gitignore: {configuration.RespectGitIgnore}",
        };
        Assert.Equal(expected.ReplaceLineEndings("\n"), string.Join("\n", lines));
    }
}
