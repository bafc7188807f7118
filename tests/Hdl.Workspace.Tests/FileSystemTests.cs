using System.Collections.Immutable;
using Hdl.Workspace.FileSystem;

namespace Hdl.Workspace.Tests;

public class FileSystemTests
{
    [Fact]
    public void Includes_are_searched_in_the_including_folder_first_then_the_include_dirs_in_order()
    {
        using var folder = new TempFolder();
        folder.Write("rtl/local.svh", "local");
        folder.Write("rtl/both.svh", "rtl copy");
        folder.Write("inc1/both.svh", "inc1 copy");
        folder.Write("inc1/only_dirs.svh", "inc1 only");
        folder.Write("inc2/only_dirs.svh", "inc2 only");
        folder.Write("inc2/deep/last.svh", "inc2 deep");
        var includingFile = folder.PathOf("rtl/top.sv");
        ImmutableArray<string> includeDirectories = [folder.PathOf("inc1"), folder.PathOf("inc2")];
        var source = new DiskIncludeSource();

        Assert.Equal("local", source.Resolve("local.svh", includingFile, includeDirectories)?.Text);
        Assert.Equal("rtl copy", source.Resolve("both.svh", includingFile, includeDirectories)?.Text);
        Assert.Equal("inc1 only", source.Resolve("only_dirs.svh", includingFile, includeDirectories)?.Text);
        Assert.Equal("inc2 deep", source.Resolve("deep/last.svh", includingFile, includeDirectories)?.Text);
        Assert.Null(source.Resolve("absent.svh", includingFile, includeDirectories));
    }

    [Fact]
    public void Resolved_includes_have_normalised_full_paths_and_are_cached_per_instance()
    {
        using var folder = new TempFolder();
        var header = folder.Write("inc/defs.svh", "first");
        var includingFile = folder.PathOf("rtl/top.sv");
        ImmutableArray<string> includeDirectories = [folder.PathOf("rtl/../inc")];
        var source = new DiskIncludeSource();

        var first = source.Resolve("defs.svh", includingFile, includeDirectories);
        File.WriteAllText(header, "second");
        var again = source.Resolve("./defs.svh", includingFile, includeDirectories);

        Assert.Equal(Path.GetFullPath(header), first?.Path);
        Assert.Same(first, again);
        Assert.Equal("second", new DiskIncludeSource().Resolve("defs.svh", includingFile, includeDirectories)?.Text);
    }

    [Fact]
    public void Folders_expand_to_hdl_files_in_order_skipping_tool_folders()
    {
        using var folder = new TempFolder();
        folder.Write("b/z.sv", "");
        folder.Write("b/a.vhd", "");
        folder.Write("a.v", "");
        folder.Write("notes.txt", "");
        folder.Write("inc/defs.svh", "");
        folder.Write(".git/x.sv", "");
        folder.Write("node_modules/y.v", "");
        folder.Write("obj/gen.sv", "");
        folder.Write("sub/bin/gen.sv", "");
        var explicitFile = folder.Write("notes.txt", "");

        var result = HdlFileDiscovery.Discover([folder.Root, explicitFile, folder.PathOf("absent.sv")], CancellationToken.None);

        var relative = result.Files.Select(file => Path.GetRelativePath(folder.Root, file).Replace('\\', '/'));
        Assert.Equal(["a.v", "b/a.vhd", "b/z.sv", "inc/defs.svh", "notes.txt"], relative);
        Assert.Equal([folder.PathOf("absent.sv")], result.MissingPaths.ToArray());
    }

    [Fact]
    public void Folder_links_are_not_followed_so_a_link_to_an_ancestor_cannot_loop()
    {
        // verilog-ethernet's example designs link fpga/lib/eth back to the repository root.
        using var folder = new TempFolder();
        folder.Write("rtl/mac.v", "");
        folder.Write("example/fpga/rtl/top.v", "");
        Directory.CreateSymbolicLink(Path.Combine(folder.Root, "example", "fpga", "eth"), "../..");

        var result = HdlFileDiscovery.Discover([folder.Root], CancellationToken.None);

        var relative = result.Files.Select(file => Path.GetRelativePath(folder.Root, file).Replace('\\', '/'));
        Assert.Equal(["example/fpga/rtl/top.v", "rtl/mac.v"], relative);
    }

    [Fact]
    public void Disk_reader_reports_missing_binary_and_directory_inputs()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.sv", "module m; endmodule\n");
        var binary = folder.PathOf("blob.sv");
        File.WriteAllBytes(binary, [0x6d, 0x00, 0x01]);
        var reader = new DiskSourceFileReader();

        Assert.Equal("module m; endmodule\n", reader.Read(good, CancellationToken.None).Text?.Text);
        Assert.Equal(SourceReadFailure.Binary, reader.Read(binary, CancellationToken.None).Failure);
        Assert.Equal(SourceReadFailure.NotFound, reader.Read(folder.PathOf("absent.sv"), CancellationToken.None).Failure);
        Assert.Equal(SourceReadFailure.Unreadable, reader.Read(folder.Root, CancellationToken.None).Failure);
    }

    [Fact]
    public void Disk_filelist_loader_reads_nested_filelists_from_disk()
    {
        using var folder = new TempFolder();
        folder.Write("ip/ip.f", "rtl/ip.sv\n+incdir+inc\n");
        var top = folder.Write("top.f", "-F ip/ip.f\n");

        var filelist = DiskFilelistLoader.Load(top, Filelists.FilelistPathBase.FilelistFolder, new Dictionary<string, string>());

        Assert.NotNull(filelist);
        Assert.Equal([folder.PathOf("ip/rtl/ip.sv")], filelist.Files.ToArray());
        Assert.Equal([folder.PathOf("ip/inc")], filelist.IncludeDirectories.ToArray());
        Assert.Null(DiskFilelistLoader.Load(folder.PathOf("absent.f"), Filelists.FilelistPathBase.CurrentDirectory, new Dictionary<string, string>()));
    }
}
