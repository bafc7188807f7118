using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// The real `hdl serve` binary on a workspace with an `hdl.json`: inlay hints, code actions and `hdl/search` in
/// Verilog, SystemVerilog and VHDL, and the project configuration taking effect.
/// </summary>
public sealed class ExtrasServerFixture : IAsyncLifetime
{
    public const string Workspace = """
        //- /hdl.json
        { "includeDirs": ["inc"], "defines": ["USE_FAST"] }
        //- /inc/widths.v
        `define WIDTH 8
        //- /lib/extra_defs.sv
        `define EXTRA 1
        //- /rtl/adder.sv
        // Adds an operand to itself on every clock edge.
        module adder #(parameter int W = 4) (input logic clk, input logic [W-1:0] a, output logic [W-1:0] sum);
          function automatic logic [W-1:0] twice(input logic [W-1:0] x, input logic [W-1:0] y);
            return x + y;
          endfunction
          always_ff @(posedge clk) sum <= twice(a, a);
        endmodule
        //- /rtl/top.sv
        `include "widths.v"
        module top(input logic clk, input logic [`WIDTH-1:0] d, output logic [7:0] q);
          adder #(.W(8)) u_adder (.clk(clk), .a(d), .sum(q));
        `ifdef USE_FAST
          logic fast_path;
        `endif
        endmodule
        //- /rtl/counter.v
        module counter (input clk, input rst, output [3:0] count);
        endmodule
        //- /rtl/user.v
        module user(input clk);
          counter u_counter (.clk(clk));
        endmodule
        //- /rtl/buf.vhd
        library ieee;
        use ieee.std_logic_1164.all;
        entity buf is
          port (clk : in std_logic; d : in std_logic_vector(3 downto 0); q : out std_logic_vector(3 downto 0));
        end entity;
        architecture rtl of buf is
        begin
        end architecture;
        //- /rtl/vtop.vhd
        library ieee;
        use ieee.std_logic_1164.all;
        entity vtop is
          port (clk : in std_logic; a : in std_logic_vector(3 downto 0));
        end entity;
        architecture rtl of vtop is
        begin
          u_buf : entity work.buf port map (clk => clk, d => a);
        end architecture;
        """;

    private LspSession? _session;

    internal LspSession Session => _session ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var root = LspSession.NewRoot();
        LspSession.Write(root, Fixture.Parse(Workspace));
        _session = await LspSession.StartProcessAsync(root);
        await _session.InitializeAsync(new { diagnosticsDelay = 0, retrievalDelay = 0 });
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ExtrasServerCollection : ICollectionFixture<ExtrasServerFixture>
{
    public const string Name = "hdl serve process with hdl.json";
}

[Collection(ExtrasServerCollection.Name)]
public class EditorExtrasTests(ExtrasServerFixture server)
{
    private LspSession Session => server.Session;

    private LspClient Client => server.Session.Client;

    [Theory]
    [InlineData("rtl/top.sv", "input [7:0]")]
    [InlineData("rtl/top.sv", "output [7:0]")]
    [InlineData("rtl/adder.sv", "x:")]
    [InlineData("rtl/adder.sv", "y:")]
    [InlineData("rtl/user.v", "input")]
    [InlineData("rtl/vtop.vhd", "in std_logic_vector(3 downto 0)")]
    public async Task Inlay_hints_in_each_language(string path, string label)
    {
        // Widths computed by elaboration (`input [7:0]` for `W = 8`) appear once the hierarchy is made: hints never
        // wait for it (the declared dimensions come first), so the test has the hierarchy made before asking.
        _ = await Client.ResultAsync("hdl/hierarchy", new { });
        var hints = await Client.ResultAsync("textDocument/inlayHint", new
        {
            textDocument = new { uri = Session.Uri(path) },
            range = new { start = new { line = 0, character = 0 }, end = new { line = 100, character = 0 } },
        });
        Assert.Contains(hints!.AsArray(), hint => (string?)hint!["label"] == label);
    }

    [Theory]
    [InlineData("rtl/user.v", 1, 12, "Connect the 2 missing ports of 'u_counter'", ", .rst(), .count()")]
    [InlineData("rtl/vtop.vhd", 7, 4, "Connect the 1 missing port of 'u_buf'", ", q => open")]
    public async Task Fill_missing_ports_in_verilog_and_vhdl(string path, int line, int character, string title, string inserted)
    {
        var action = await ActionAsync(path, line, character, title, diagnostics: []);
        Assert.Equal("refactor.rewrite", (string?)action["kind"]);
        var edit = Assert.Single(action["edit"]!["changes"]![Session.Uri(path)]!.AsArray());
        Assert.Equal(inserted, (string?)edit!["newText"]);
    }

    [Fact]
    public async Task A_module_named_alone_becomes_an_instance()
    {
        await Session.OpenAsync("rtl/wrapper.sv", "module wrapper(input logic clk);\n  adder\nendmodule\n");
        var action = await ActionAsync("rtl/wrapper.sv", 1, 3, "Instantiate module 'adder'", diagnostics: []);
        var edit = Assert.Single(action["edit"]!["changes"]![Session.Uri("rtl/wrapper.sv")]!.AsArray());
        Assert.Equal("adder #(\n    .W(4)\n  ) u_adder (\n    .clk(clk),\n    .a(),\n    .sum()\n  );", (string?)edit!["newText"]);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/wrapper.sv") } });
    }

    [Theory]
    [InlineData("rtl/undeclared.sv", "systemverilog", "module und(input logic [3:0] a);\n  always_comb t = a;\nendmodule\n", 1, 14, "Declare 't': logic [3:0] t;")]
    [InlineData("rtl/undeclared.vhd", "vhdl", "library ieee;\nuse ieee.std_logic_1164.all;\nentity und is\n  port (a : in std_logic_vector(3 downto 0));\nend entity;\narchitecture rtl of und is\nbegin\n  t <= a;\nend architecture;\n", 7, 2, "Declare 't': signal t : std_logic_vector(3 downto 0);")]
    public async Task An_undeclared_signal_published_as_HDL3001_has_a_quick_fix(string path, string languageId, string text, int line, int character, string title)
    {
        await Session.OpenAsync(path, text, languageId);
        var published = await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message =>
            (string?)message["params"]!["uri"] == Session.Uri(path) && message["params"]!["diagnostics"]!.AsArray().Any(diagnostic => (string?)diagnostic!["code"] == "HDL3001"));
        var diagnostic = published["params"]!["diagnostics"]!.AsArray().First(item => (string?)item!["code"] == "HDL3001")!;
        var action = await ActionAsync(path, line, character, title, diagnostics: [diagnostic.DeepClone()]);
        Assert.Equal("quickfix", (string?)action["kind"]);
        Assert.Equal("HDL3001", (string?)action["diagnostics"]![0]!["code"]);
        var edit = Assert.Single(action["edit"]!["changes"]![Session.Uri(path)]!.AsArray());
        Assert.EndsWith(title["Declare 't': ".Length..], (string?)edit!["newText"], StringComparison.Ordinal);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri(path) } });
    }

    [Fact]
    public async Task A_missing_include_found_elsewhere_is_added_to_hdl_json()
    {
        await Session.OpenAsync("rtl/uses_extra.sv", "`include \"extra_defs.sv\"\nmodule uses_extra;\nendmodule\n");
        await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message =>
            (string?)message["params"]!["uri"] == Session.Uri("rtl/uses_extra.sv") && message["params"]!["diagnostics"]!.AsArray().Any(diagnostic => (string?)diagnostic!["code"] == "HDL1101"));
        var action = await ActionAsync("rtl/uses_extra.sv", 0, 3, "Add include directory 'lib' to hdl.json", diagnostics: []);
        var edit = Assert.Single(action["edit"]!["changes"]![Session.Uri("hdl.json")]!.AsArray());
        Assert.Equal(", \"lib\"", (string?)edit!["newText"]);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/uses_extra.sv") } });
    }

    [Fact]
    public async Task Hdl_json_include_dirs_and_defines_are_in_effect()
    {
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = Session.Uri("rtl/top.sv") } });
        Assert.Contains(symbols![0]!["children"]!.AsArray(), symbol => (string?)symbol!["name"] == "fast_path");

        // widths.v is not a header, so only hdl.json's include dirs find it.
        await Session.OpenAsync("rtl/top.sv", await File.ReadAllTextAsync(Path.Combine(Session.Root, "rtl", "top.sv")));
        var published = await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message => (string?)message["params"]!["uri"] == Session.Uri("rtl/top.sv"));
        Assert.DoesNotContain(published["params"]!["diagnostics"]!.AsArray(), diagnostic => (string?)diagnostic!["code"] == "HDL1101");

        // USE_FAST is defined, so no region of top.sv is inactive; the notification says so for this version.
        var inactive = await Client.WaitForNotificationAsync("hdl/inactiveRegions", message => (string?)message["params"]!["uri"] == Session.Uri("rtl/top.sv"));
        Assert.Empty(inactive["params"]!["regions"]!.AsArray());
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/top.sv") } });
    }

    [Fact]
    public async Task Inactive_ifdef_regions_are_notified_with_their_ranges()
    {
        await Session.OpenAsync("rtl/optional.sv", "module optional;\n`ifdef NOT_DEFINED_ANYWHERE\n  logic hidden;\n`endif\nendmodule\n");
        var inactive = await Client.WaitForNotificationAsync("hdl/inactiveRegions", message => (string?)message["params"]!["uri"] == Session.Uri("rtl/optional.sv"));
        var region = Assert.Single(inactive["params"]!["regions"]!.AsArray());
        Assert.InRange((int)region!["start"]!["line"]!, 1, 2);
        Assert.True((int)region["end"]!["line"]! >= 2);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/optional.sv") } });
    }

    [Fact]
    public async Task Inactive_regions_after_an_edit_are_those_of_the_edited_text()
    {
        const string path = "rtl/switched.sv";
        await Session.OpenAsync(path, "module switched;\n`ifdef USE_FAST\n  logic fast;\n`else\n  logic slow;\n`endif\nendmodule\n");
        await Client.WaitForNotificationAsync("hdl/inactiveRegions", message => (string?)message["params"]!["uri"] == Session.Uri(path) && (int?)message["params"]!["version"] == 1);

        // `ifdef becomes `ifndef (USE_FAST is defined in hdl.json): the other branch is now the inactive one.
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Session.Uri(path), version = 2 },
            contentChanges = new object[] { new { range = new { start = new { line = 1, character = 3 }, end = new { line = 1, character = 3 } }, text = "n" } },
        });
        var inactive = await Client.WaitForNotificationAsync("hdl/inactiveRegions", message => (string?)message["params"]!["uri"] == Session.Uri(path) && (int?)message["params"]!["version"] == 2);
        var region = Assert.Single(inactive["params"]!["regions"]!.AsArray());
        Assert.InRange((int)region!["start"]!["line"]!, 1, 2);
        Assert.InRange((int)region["end"]!["line"]!, 2, 3);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri(path) } });
    }

    [Fact]
    public async Task Search_finds_units_by_what_they_do_and_takes_in_edits()
    {
        await Client.WaitForNotificationAsync("$/progress", message =>
            ((string?)message["params"]!["token"])?.StartsWith("hdl/retrieval/", StringComparison.Ordinal) == true && (string?)message["params"]!["value"]!["kind"] == "end");
        var result = await Client.ResultAsync("hdl/search", new { query = "adds operand to itself", kind = "module", top = 3 });
        var first = result!["items"]!.AsArray()[0]!;
        Assert.Equal("adder", (string?)first["unit"]);
        Assert.Equal(Session.Uri("rtl/adder.sv"), (string?)first["uri"]);
        Assert.Equal(0, (int)first["range"]!["start"]!["line"]!); // the chunk starts with the comment above the module
        Assert.Contains("module adder", (string?)first["snippet"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)first["why"]!["summary"]));

        var invalid = await Client.RequestAsync("hdl/search", new { query = "adder", kind = "everything" });
        Assert.Equal(-32602, (int)invalid["error"]!["code"]!);

        // An edit reaches the retrieval index once edits pause (retrievalDelay 0 here): wait for it, without timing it.
        await Session.OpenAsync("rtl/scrambler.sv", "// Scrambles payload bits with an LFSR.\nmodule lfsr_scrambler(input logic clk);\nendmodule\n");
        JsonNode? found = null;
        for (var attempt = 0; attempt < 200 && found is null; attempt++)
        {
            var response = await Client.RequestAsync("hdl/search", new { query = "lfsr scrambler", kind = "module", top = 5 });
            found = response["result"]?["items"]?.AsArray().FirstOrDefault(item => (string?)item!["unit"] == "lfsr_scrambler");
            if (found is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(found);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/scrambler.sv") } });
    }

    private async Task<JsonNode> ActionAsync(string path, int line, int character, string title, JsonNode?[] diagnostics)
    {
        var actions = await Client.ResultAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = Session.Uri(path) },
            range = new { start = new { line, character }, end = new { line, character } },
            context = new { diagnostics = new JsonArray(diagnostics) },
        });
        var titles = actions!.AsArray().Select(action => (string?)action!["title"]).ToList();
        Assert.True(titles.Contains(title), $"'{title}' not among: {string.Join(" | ", titles)}");
        return actions.AsArray().First(action => (string?)action!["title"] == title)!;
    }
}

/// <summary>A change to hdl.json (a watched file) loads the workspace again with the new defines.</summary>
public class ConfigurationReloadTests
{
    [Fact]
    public async Task Changing_hdl_json_reindexes_with_the_new_defines()
    {
        var root = LspSession.NewRoot();
        LspSession.Write(root, Fixture.Parse("""
            //- /hdl.json
            { "defines": ["WITH_DEBUG"] }
            //- /rtl/core.sv
            module core;
            `ifdef WITH_DEBUG
              logic debug_bus;
            `endif
            endmodule
            """));
        await using var session = await LspSession.StartProcessAsync(root);
        await session.InitializeAsync();
        var symbols = await session.Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = session.Uri("rtl/core.sv") } });
        Assert.Contains(symbols![0]!["children"]!.AsArray(), symbol => (string?)symbol!["name"] == "debug_bus");

        await File.WriteAllTextAsync(Path.Combine(root, "hdl.json"), "{ \"defines\": [] }");
        var ends = session.Client.Notifications.Count(IsIndexEnd);
        await session.Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = session.Uri("hdl.json"), type = 2 } } });
        await session.Client.WaitForNotificationAsync("$/progress", message => IsIndexEnd(message) && session.Client.Notifications.Count(IsIndexEnd) > ends);
        symbols = await session.Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = session.Uri("rtl/core.sv") } });
        Assert.DoesNotContain(symbols![0]!["children"]?.AsArray() ?? [], symbol => (string?)symbol!["name"] == "debug_bus");
    }

    private static bool IsIndexEnd(JsonObject message) =>
        (string?)message["method"] == "$/progress" && ((string?)message["params"]!["token"])?.StartsWith("hdl/index/", StringComparison.Ordinal) == true
        && (string?)message["params"]!["value"]!["kind"] == "end";
}
