using System.Text;
using Hdl.Design;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.FileSystem;
using Hdl.Workspace.Index;
using Hdl.Workspace.Storage;

namespace Hdl.Workspace.Tests.Storage;

/// <summary>
/// The index kept in `.hdl/index.db` between runs: each run opens it on real files in a temp folder and the test
/// compares what was analysed, what was loaded and what the model looks like.
/// </summary>
public class PersistentIndexTests
{
    private const string Design = """
        //- rtl/inc/defs.svh
        `define W 8
        //- rtl/leaf.sv
        `include "defs.svh"
        module leaf (input logic [`W-1:0] d, output logic q);
          assign q = ^d;
        endmodule
        //- rtl/top.sv
        module top (input logic [7:0] s, output logic y);
          leaf u_leaf (.d(s), .q(y));
          filter u_filter (.x(s[0]));
        endmodule
        //- rtl/other.sv
        module other; endmodule
        //- rtl/filter.vhd
        entity filter is port (x : in bit); end entity;
        architecture rtl of filter is
          signal t : bit;
        begin
          t <= x;
        end architecture;
        """;

    [Fact]
    public void A_warm_start_with_no_change_analyses_no_file_and_gives_the_model_of_a_cold_build()
    {
        using var folder = Workspace(Design);
        var cold = Open(folder);
        var warm = Open(folder);

        Assert.Equal("cold, analysed 4: rtl/leaf.sv, rtl/top.sv, rtl/other.sv, rtl/filter.vhd", Describe(folder, cold));
        Assert.Equal("warm, analysed 0", Describe(folder, warm));
        Assert.Equal(4, warm.LoadedFileCount);
        var built = WorkspaceIndex.Build(Sources(folder), Options(folder), new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);
        Assert.Equal(Dump(built), Dump(warm.Index));
        Assert.Contains("module leaf", Dump(warm.Index), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warm_start_with_no_change_reads_no_source_file()
    {
        using var folder = Workspace(Design);
        Open(folder);
        var reader = new CountingReader();

        var warm = PersistentIndex.Open(IndexDatabase.ForWorkspace(folder.Root, null), Sources(folder), Options(folder), reader, new DiskIncludeSource(), null, CancellationToken.None);

        Assert.Equal("warm, analysed 0", Describe(folder, warm));
        Assert.Empty(reader.Paths);
    }

    [Fact]
    public void A_warm_start_after_an_edit_reads_only_the_edited_file()
    {
        using var folder = Workspace(Design);
        Open(folder);
        folder.Write("rtl/other.sv", "module other2; endmodule\n");
        var reader = new CountingReader();

        PersistentIndex.Open(IndexDatabase.ForWorkspace(folder.Root, null), Sources(folder), Options(folder), reader, new DiskIncludeSource(), null, CancellationToken.None);

        Assert.Equal(["rtl/other.sv"], reader.Paths.Select(path => Path.GetRelativePath(folder.Root, path).Replace('\\', '/')).Distinct());
    }

    [Fact]
    public void Opening_reports_where_its_time_went_phase_by_phase()
    {
        using var folder = Workspace(Design);

        var cold = Open(folder);
        var warm = Open(folder);

        Assert.Equal("stamps, restore (analyse changed files), save", string.Join(", ", cold.Phases.Select(phase => phase.Name)));
        Assert.Equal("database read, decode, stamps, restore (analyse changed files), save", string.Join(", ", warm.Phases.Select(phase => phase.Name)));
        Assert.All(warm.Phases, phase => Assert.True(phase.Wall >= TimeSpan.Zero && phase.Cpu >= TimeSpan.Zero, phase.Name));
    }

    [Fact]
    public void A_workspace_larger_than_one_save_batch_is_saved_whole_and_compacting_the_heap_changes_no_result()
    {
        using var folder = new TempFolder();
        var paths = Enumerable.Range(0, 300).Select(number => folder.Write($"rtl/m{number}.sv", $"module m{number}; endmodule\n")).ToArray();
        var options = Options(folder) with { CompactHeapAfterFiles = 1 };
        var database = IndexDatabase.ForWorkspace(folder.Root, null);

        var cold = PersistentIndex.Open(database, paths, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);
        var warm = PersistentIndex.Open(database, paths, options, new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);

        Assert.Equal(300, cold.Index.AnalysedPaths.Length);
        Assert.Empty(warm.Index.AnalysedPaths);
        Assert.Equal(300, warm.LoadedFileCount);
        var built = WorkspaceIndex.Build(paths, options with { CompactHeapAfterFiles = 0 }, new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);
        Assert.Equal(Dump(built), Dump(cold.Index));
        Assert.Equal(Dump(built), Dump(warm.Index));
    }

    [Fact]
    public void After_a_one_file_edit_only_that_file_is_analysed_again()
    {
        using var folder = Workspace(Design);
        Open(folder);
        folder.Write("rtl/other.sv", "module other2; endmodule\n");

        var warm = Open(folder);

        Assert.Equal("warm, analysed 1: rtl/other.sv", Describe(folder, warm));
        Assert.Equal("leaf, top, other2, filter, rtl", string.Join(", ", warm.Index.Units.All.Select(unit => unit.Name)));
        Assert.Equal("warm, analysed 0", Describe(folder, Open(folder)));
    }

    [Fact]
    public void An_edited_header_analyses_the_files_that_include_it()
    {
        using var folder = Workspace(Design);
        Open(folder);
        folder.Write("rtl/inc/defs.svh", "`define W 16\n");

        Assert.Equal("warm, analysed 1: rtl/leaf.sv", Describe(folder, Open(folder)));
    }

    [Fact]
    public void A_touched_file_with_the_same_text_is_not_analysed()
    {
        using var folder = Workspace(Design);
        Open(folder);
        File.SetLastWriteTimeUtc(folder.PathOf("rtl/top.sv"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal("warm, analysed 0", Describe(folder, Open(folder)));
    }

    [Fact]
    public void Added_and_removed_files_are_analysed_and_dropped()
    {
        using var folder = Workspace(Design);
        Open(folder);
        File.Delete(folder.PathOf("rtl/other.sv"));
        folder.Write("rtl/added.sv", "module added; endmodule\n");

        var warm = Open(folder);
        var again = Open(folder);

        Assert.Equal("warm, analysed 1: rtl/added.sv", Describe(folder, warm));
        Assert.Equal("leaf, top, filter, rtl, added", string.Join(", ", again.Index.Units.All.Select(unit => unit.Name)));
        Assert.Equal("warm, analysed 0", Describe(folder, again));
    }

    [Fact]
    public void A_damaged_database_is_rebuilt_with_a_message()
    {
        using var folder = Workspace(Design);
        Open(folder);
        var database = IndexDatabase.ForWorkspace(folder.Root, null);
        File.WriteAllBytes(database.Path, Encoding.ASCII.GetBytes(new string('x', 8192)));

        var rebuilt = Open(folder);

        Assert.Equal("cold, analysed 4: rtl/leaf.sv, rtl/top.sv, rtl/other.sv, rtl/filter.vhd", Describe(folder, rebuilt));
        Assert.Contains(rebuilt.Messages, message => message.Contains("is damaged", StringComparison.Ordinal) && message.Contains("rebuilding", StringComparison.Ordinal));
        Assert.Equal("warm, analysed 0", Describe(folder, Open(folder)));
    }

    [Fact]
    public void A_damaged_stored_file_rebuilds_the_database()
    {
        using var folder = Workspace(Design);
        Open(folder);
        var database = IndexDatabase.ForWorkspace(folder.Root, null);
        using (var connection = database.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE hdl_files SET data = x'0102030405' WHERE path LIKE '%top.sv'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var rebuilt = Open(folder);

        Assert.StartsWith("cold, analysed 4", Describe(folder, rebuilt), StringComparison.Ordinal);
        Assert.Contains(rebuilt.Messages, message => message.Contains("is damaged", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_options_analyse_every_file_again()
    {
        using var folder = Workspace(Design);
        Open(folder);

        var options = Options(folder) with { Preprocessor = Options(folder).Preprocessor with { Defines = [new MacroDefine("SYNTHESIS", null)] } };
        var changed = PersistentIndex.Open(IndexDatabase.ForWorkspace(folder.Root, null), Sources(folder), options, new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);

        Assert.Equal(4, changed.Index.AnalysedPaths.Length);
        Assert.Contains(changed.Messages, message => message.Contains("other options", StringComparison.Ordinal));
    }

    [Fact]
    public void Tables_are_prefixed_so_other_layers_can_share_the_file()
    {
        using var folder = Workspace(Design);
        var opened = Open(folder);
        var database = IndexDatabase.ForWorkspace(folder.Root, null);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)";

        Assert.Equal("hdl_files, hdl_includes, hdl_meta", command.ExecuteScalar());
        Assert.Equal(Path.Combine(folder.Root, ".hdl", "index.db"), database.Path);
        Assert.True(opened.DatabaseBytes > 0);
    }

    private static TempFolder Workspace(string fixture)
    {
        var folder = new TempFolder();
        string? current = null;
        var text = new StringBuilder();
        foreach (var line in fixture.Split('\n'))
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    folder.Write(current, text.ToString());
                }

                current = line[4..].Trim();
                text.Clear();
                continue;
            }

            text.Append(line).Append('\n');
        }

        folder.Write(current!, text.ToString());
        return folder;
    }

    private static PersistentIndexResult Open(TempFolder folder) =>
        PersistentIndex.Open(IndexDatabase.ForWorkspace(folder.Root, null), Sources(folder), Options(folder), new DiskSourceFileReader(), new DiskIncludeSource(), null, CancellationToken.None);

    private static string[] Sources(TempFolder folder) =>
        new[] { "rtl/leaf.sv", "rtl/top.sv", "rtl/other.sv", "rtl/filter.vhd", "rtl/added.sv" }
            .Select(folder.PathOf)
            .Where(File.Exists)
            .ToArray();

    private static WorkspaceIndexOptions Options(TempFolder folder) => WorkspaceIndexOptions.Default with
    {
        Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = [folder.PathOf("rtl/inc")] },
        MaxDegreeOfParallelism = 2,
    };

    private static string Describe(TempFolder folder, PersistentIndexResult result)
    {
        var analysed = result.Index.AnalysedPaths.Select(path => Path.GetRelativePath(folder.Root, path).Replace('\\', '/'));
        var start = result.Warm ? "warm" : "cold";
        return result.Index.AnalysedPaths.IsEmpty ? $"{start}, analysed 0" : $"{start}, analysed {result.Index.AnalysedPaths.Length}: {string.Join(", ", analysed)}";
    }

    private static string Dump(WorkspaceIndex index) =>
        string.Join("\n", index.Files.Select(file =>
            $"{file.Path} {file.Outcome} {file.ContentHash} {file.LineCount} {string.Join(";", file.Includes)}\n"
            + string.Join("\n", file.Diagnostics.Select(diagnostic => diagnostic.ToString())) + "\n"
            + (file.Design is null ? "(no design)" : DesignModelDump.Render(file.Design))));

    /// <summary>Reads from disk and remembers every path asked for.</summary>
    private sealed class CountingReader : ISourceFileReader
    {
        private readonly DiskSourceFileReader _disk = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Paths { get; } = new();

        public SourceReadResult Read(string path, CancellationToken cancellationToken)
        {
            Paths.Enqueue(path);
            return _disk.Read(path, cancellationToken);
        }
    }
}
