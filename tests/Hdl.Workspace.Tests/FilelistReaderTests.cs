using System.Text;
using Hdl.Workspace.Filelists;

namespace Hdl.Workspace.Tests;

public class FilelistReaderTests
{
    [Fact]
    public void Files_and_all_three_comment_styles()
    {
        CheckFilelist(
            """
            //- top.f
            // a line comment
            rtl/a.sv   // trailing comment
            # hash comment
            /* block
               comment rtl/not_a_file.sv */ rtl/b.v
            """,
            """
            files: rtl/a.sv rtl/b.v
            """);
    }

    [Fact]
    public void Plus_incdir_and_plus_define_take_several_values()
    {
        CheckFilelist(
            """
            //- top.f
            +incdir+inc+../common/inc
            +define+WIDTH=8+SIM+EMPTY=
            """,
            """
            incdirs: inc ../common/inc
            defines: WIDTH=8 SIM EMPTY=
            """);
    }

    [Fact]
    public void Verilator_style_dash_I_and_dash_D_with_separate_or_attached_values()
    {
        CheckFilelist(
            """
            //- top.f
            -I inc1 -Iinc2
            -D A=1 -DB -D MSG="hello world"
            """,
            """
            incdirs: inc1 inc2
            defines: A=1|B|MSG="hello world"
            """);
    }

    [Fact]
    public void Library_folders_extensions_and_files_are_remembered()
    {
        CheckFilelist(
            """
            //- top.f
            -y lib/cells +libext+.v+.sv
            -v lib/prims.v
            """,
            """
            libdirs: lib/cells
            libext: .v .sv
            libfiles: lib/prims.v
            """);
    }

    [Fact]
    public void Nested_dash_f_keeps_paths_relative_to_the_current_directory()
    {
        CheckFilelist(
            """
            //- top.f
            -f sub/inner.f
            top.sv
            //- sub/inner.f
            rtl/x.sv
            +incdir+inc
            """,
            """
            files: rtl/x.sv top.sv
            incdirs: inc
            """);
    }

    [Fact]
    public void Nested_dash_upper_f_makes_paths_relative_to_the_nested_filelist()
    {
        CheckFilelist(
            """
            //- top.f
            -F ip/uart/uart.f
            //- ip/uart/uart.f
            rtl/uart.sv
            +incdir+include
            -F ../common/common.f
            -f flat.f
            //- ip/common/common.f
            fifo.sv
            //- ip/uart/flat.f
            from_cwd.sv
            """,
            """
            files: ip/uart/rtl/uart.sv ip/common/fifo.sv from_cwd.sv
            incdirs: ip/uart/include
            """);
    }

    [Fact]
    public void A_top_filelist_read_as_dash_upper_f_is_relative_to_its_folder()
    {
        CheckFilelist(
            """
            //- proj/top.f -F
            rtl/a.sv ../shared/b.sv /abs/c.sv
            """,
            """
            files: proj/rtl/a.sv shared/b.sv /abs/c.sv
            """);
    }

    [Fact]
    public void Environment_variables_expand_in_every_form_and_unknown_ones_warn()
    {
        CheckFilelist(
            """
            //- top.f
            $ROOT/a.sv ${ROOT}/b.sv $(ROOT)/c.sv
            +incdir+${ROOT}/inc
            $MISSING/d.sv
            """,
            """
            files: /proj/a.sv /proj/b.sv /proj/c.sv /d.sv
            incdirs: /proj/inc
            warnings:
              top.f:3: warning: environment variable 'MISSING' is not set; expanded to nothing
            """,
            environment: new Dictionary<string, string> { ["ROOT"] = "/proj" });
    }

    [Fact]
    public void Quoted_paths_keep_their_spaces()
    {
        CheckFilelist(
            """
            //- top.f
            "my dir/a file.sv" 'other dir/b.sv'
            -I "inc dir"
            """,
            """
            files: my dir/a file.sv|other dir/b.sv
            incdirs: inc dir
            """);
    }

    [Fact]
    public void Unknown_options_are_ignored_with_a_warning_at_their_line()
    {
        CheckFilelist(
            """
            //- top.f
            +acc+rw
            -sv
            --timing
            -timescale 1ns/1ps
            a.sv
            """,
            """
            files: a.sv
            warnings:
              top.f:1: warning: ignored unknown option '+acc+rw'
              top.f:2: warning: ignored unknown option '-sv'
              top.f:3: warning: ignored unknown option '--timing'
              top.f:4: warning: ignored unknown option '-timescale 1ns/1ps'
            """);
    }

    [Fact]
    public void Missing_nested_filelist_and_missing_argument_are_reported_with_file_and_line()
    {
        CheckFilelist(
            """
            //- top.f
            a.sv
            -f sub/inner.f
            //- sub/inner.f
            b.sv
            -F nowhere.f
            -I
            """,
            """
            files: a.sv b.sv
            warnings:
              sub/inner.f:2: warning: cannot read filelist 'nowhere.f'
              sub/inner.f:3: warning: option '-I' needs an argument
            """);
    }

    [Fact]
    public void A_filelist_that_includes_itself_is_read_once()
    {
        CheckFilelist(
            """
            //- top.f
            a.sv
            -f top.f
            """,
            """
            files: a.sv
            warnings:
              top.f:2: warning: filelist 'top.f' includes itself; not read again
            """);
    }

    [Fact]
    public void Unterminated_block_comment_warns_at_its_start()
    {
        CheckFilelist(
            """
            //- top.f
            a.sv
            /* never closed
            b.sv
            """,
            """
            files: a.sv
            warnings:
              top.f:2: warning: unterminated /* comment
            """);
    }

    [Theory]
    [InlineData("a/./b/../c.sv", "a/c.sv")]
    [InlineData("../x/../y.sv", "../y.sv")]
    [InlineData("/r/../../s.sv", "/s.sv")]
    [InlineData("a//b/", "a/b")]
    [InlineData("./", ".")]
    public void Paths_normalise_without_touching_the_disk(string path, string expected)
    {
        Assert.Equal(expected, FilelistReader.NormalizePath(path));
    }

    /// <summary>
    /// The one place these tests touch the reader. The fixture holds files started by `//- path` lines; the first is
    /// the top filelist (`//- path -F` reads it as -F). The filelist renders as text, so expectations show only what
    /// is not empty.
    /// </summary>
    private static void CheckFilelist(string fixture, string expected, Dictionary<string, string>? environment = null)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        string? topPath = null;
        var topBase = FilelistPathBase.CurrentDirectory;
        string? currentPath = null;
        var content = new StringBuilder();
        foreach (var line in fixture.Split('\n'))
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                if (currentPath is not null)
                {
                    files[currentPath] = content.ToString();
                }

                var parts = line[4..].Trim().Split(' ');
                currentPath = parts[0];
                content.Clear();
                if (topPath is null)
                {
                    topPath = currentPath;
                    topBase = parts.Length > 1 && parts[1] == "-F" ? FilelistPathBase.FilelistFolder : FilelistPathBase.CurrentDirectory;
                }

                continue;
            }

            content.Append(line).Append('\n');
        }

        files[currentPath!] = content.ToString();
        var context = new FilelistContext(
            path => files.TryGetValue(path, out var text) ? text : null,
            environment ?? [],
            CurrentDirectory: string.Empty);
        var filelist = FilelistReader.Read(files[topPath!], topPath!, topBase, context);
        Assert.Equal(expected.Trim(), Render(filelist));
    }

    private static string Render(Filelist filelist)
    {
        var text = new StringBuilder();
        void Line(string name, IEnumerable<string> values)
        {
            var list = values.ToList();
            if (list.Count > 0)
            {
                // `|` separates values that contain spaces, so they stay readable.
                var separator = list.Any(value => value.Contains(' ', StringComparison.Ordinal)) ? "|" : " ";
                text.Append(name).Append(": ").AppendJoin(separator, list).Append('\n');
            }
        }

        Line("files", filelist.Files);
        Line("incdirs", filelist.IncludeDirectories);
        Line("defines", filelist.Defines.Select(define => define.Value is null ? define.Name : $"{define.Name}={define.Value}"));
        Line("libdirs", filelist.LibraryDirectories);
        Line("libext", filelist.LibraryExtensions);
        Line("libfiles", filelist.LibraryFiles);
        if (filelist.Warnings.Length > 0)
        {
            text.Append("warnings:\n");
            foreach (var warning in filelist.Warnings)
            {
                text.Append("  ").Append(warning).Append('\n');
            }
        }

        return text.ToString().Trim();
    }
}
