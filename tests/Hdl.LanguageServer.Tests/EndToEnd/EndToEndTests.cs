using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// Every advertised capability, spoken over stdio to the real `hdl serve` in Verilog, SystemVerilog and VHDL and
/// across languages. Tests that edit use a file of their own, so they do not depend on each other's order.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public class EndToEndTests(ServerProcessFixture server)
{
    private LspSession Session => server.Session;

    private LspClient Client => server.Session.Client;

    [Fact]
    public void Initialize_advertises_exactly_the_tested_capabilities()
    {
        var capabilities = server.InitializeResult!["capabilities"]!.AsObject();
        var advertised = capabilities.Where(pair => pair.Value is not null).Select(pair => pair.Key).Order();
        Assert.Equal(
            [
                "codeActionProvider", "completionProvider", "declarationProvider", "definitionProvider", "documentHighlightProvider", "documentLinkProvider", "documentSymbolProvider", "experimental",
                "foldingRangeProvider", "hoverProvider", "inlayHintProvider", "positionEncoding", "referencesProvider", "renameProvider", "semanticTokensProvider", "signatureHelpProvider", "textDocumentSync",
                "workspace", "workspaceSymbolProvider",
            ],
            advertised);
        Assert.Equal(2, (int)capabilities["textDocumentSync"]!["change"]!);
        Assert.Equal(["hdl/driversLoads", "hdl/hierarchy", "hdl/reindex", "hdl/search"], capabilities["experimental"]!["hdl"]!["requests"]!.AsArray().Select(node => (string)node!));
    }

    [Theory]
    [InlineData("rtl/counter.v", "counter", "count")]
    [InlineData("rtl/top.sv", "top", "u_fifo")]
    [InlineData("rtl/fifo.vhd", "rtl", "stage")]
    public async Task Document_symbols_in_each_language(string path, string unit, string child)
    {
        var result = await Client.ResultAsync("textDocument/documentSymbol", Document(path));
        var symbols = result!.AsArray();
        var unitSymbol = symbols.Single(symbol => (string?)symbol!["name"] == unit);
        Assert.Contains(unitSymbol!["children"]!.AsArray(), symbol => (string?)symbol!["name"] == child);
    }

    [Fact]
    public async Task Workspace_symbols_find_units_of_both_languages()
    {
        var verilog = await Client.ResultAsync("workspace/symbol", new { query = "count" });
        Assert.Contains(verilog!.AsArray(), symbol => (string?)symbol!["name"] == "counter" && ((string)symbol["location"]!["uri"]!).EndsWith("counter.v", StringComparison.Ordinal));
        var vhdl = await Client.ResultAsync("workspace/symbol", new { query = "fif" });
        Assert.Contains(vhdl!.AsArray(), symbol => (string?)symbol!["name"] == "fifo" && ((string)symbol["location"]!["uri"]!).EndsWith("fifo.vhd", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rtl/counter.v", 4, 19, "output reg [N-1:0] count")]
    [InlineData("rtl/top.sv", 3, 3, "module counter")]
    [InlineData("rtl/fifo.vhd", 11, 6, "signal stage : std_logic_vector(3 downto 0)")]
    [InlineData("rtl/top.sv", 4, 3, "entity fifo")]
    public async Task Hover_in_each_language_and_across_them(string path, int line, int character, string expected)
    {
        var result = await Client.ResultAsync("textDocument/hover", Position(path, line, character));
        Assert.Contains(expected, (string?)result?["contents"]?["value"] ?? "(no hover)", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtl/counter.v")]
    [InlineData("rtl/top.sv")]
    [InlineData("rtl/fifo.vhd")]
    public async Task Folding_and_semantic_tokens_in_each_language(string path)
    {
        var folding = await Client.ResultAsync("textDocument/foldingRange", Document(path));
        Assert.Contains(folding!.AsArray(), range => (int)range!["startLine"]! < (int)range["endLine"]!);
        var full = await Client.ResultAsync("textDocument/semanticTokens/full", Document(path));
        var data = full!["data"]!.AsArray();
        Assert.True(data.Count > 0 && data.Count % 5 == 0);
        var range = await Client.ResultAsync("textDocument/semanticTokens/range", new
        {
            textDocument = new { uri = Session.Uri(path) },
            range = new { start = new { line = 1, character = 0 }, end = new { line = 2, character = 0 } },
        });
        Assert.InRange(range!["data"]!.AsArray().Count, 5, data.Count);
    }

    [Fact]
    public async Task Include_directive_links_to_the_header()
    {
        var links = await Client.ResultAsync("textDocument/documentLink", Document("rtl/top.sv"));
        var link = Assert.Single(links!.AsArray());
        Assert.EndsWith("rtl/defs.svh", (string)link!["target"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int)link["range"]!["start"]!["line"]!);
    }

    [Fact]
    public async Task Opening_a_broken_file_publishes_coded_errors_and_inactive_regions()
    {
        const string text = "module broken(input logic a);\n`ifdef NEVER\n  wire x;\n`endif\n  assign = ;\nendmodule\n";
        await Session.OpenAsync("rtl/broken.sv", text);
        var published = await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message => (string?)message["params"]!["uri"] == Session.Uri("rtl/broken.sv"));
        var diagnostics = published["params"]!["diagnostics"]!.AsArray();
        Assert.Contains(diagnostics, diagnostic => (int)diagnostic!["severity"]! == 1 && (string?)diagnostic["code"] == "HDL1001" && (int)diagnostic["range"]!["start"]!["line"]! == 4);
        Assert.Contains(diagnostics, diagnostic => diagnostic!["tags"] is JsonArray tags && (int)tags[0]! == 1 && (int)diagnostic["range"]!["start"]!["line"]! <= 2);
        await Client.NotifyAsync("textDocument/didClose", Document("rtl/broken.sv"));
        await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message =>
            (string?)message["params"]!["uri"] == Session.Uri("rtl/broken.sv") && message["params"]!["diagnostics"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task Incremental_and_full_changes_are_what_later_requests_see()
    {
        var path = "rtl/edited.sv";
        await Session.OpenAsync(path, "module edited(input logic a);\nendmodule\n");
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Session.Uri(path), version = 2 },
            contentChanges = new object[]
            {
                new { range = new { start = new { line = 1, character = 0 }, end = new { line = 1, character = 0 } }, text = "  logic added_signal;\n" },
            },
        });
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", Document(path));
        Assert.Contains(symbols![0]!["children"]!.AsArray(), symbol => (string?)symbol!["name"] == "added_signal");
        await Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Session.Uri(path), version = 3 },
            contentChanges = new object[] { new { text = "module renamed_unit;\nendmodule\n" } },
        });
        symbols = await Client.ResultAsync("textDocument/documentSymbol", Document(path));
        Assert.Equal("renamed_unit", (string?)symbols![0]!["name"]);
        await Client.NotifyAsync("textDocument/didSave", Document(path));
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    [Fact]
    public async Task Watched_file_changes_reach_the_index()
    {
        var full = Path.Combine(Session.Root, "rtl", "created_later.sv");
        await File.WriteAllTextAsync(full, "module created_later_unit;\nendmodule\n");
        await Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Session.Uri("rtl/created_later.sv"), type = 1 } } });
        var found = await Client.ResultAsync("workspace/symbol", new { query = "created_later_unit" });
        Assert.Single(found!.AsArray());
        File.Delete(full);
        await Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Session.Uri("rtl/created_later.sv"), type = 3 } } });
        found = await Client.ResultAsync("workspace/symbol", new { query = "created_later_unit" });
        Assert.Empty(found!.AsArray());
    }

    [Fact]
    public async Task Custom_requests_hierarchy_drivers_loads_and_reindex()
    {
        var hierarchy = await Client.ResultAsync("hdl/hierarchy", new { top = "top" });
        var top = Assert.Single(hierarchy!.AsArray());
        Assert.Equal(["u_counter", "u_fifo"], top!["children"]!.AsArray().Select(child => (string)child!["name"]!).Order());
        var flow = await Client.ResultAsync("hdl/driversLoads", new { signal = "counter.count", depth = 1 });
        Assert.NotEmpty(flow!["drivers"]!.AsArray());
        var reindex = await Client.ResultAsync("hdl/reindex", new { });
        Assert.True((int)reindex!["files"]! >= 3);
        // Answered from the retrieval index, or refused with a reason while it is first built (EditorExtrasTests waits for it).
        var search = await Client.RequestAsync("hdl/search", new { query = "fifo" });
        Assert.True(search["result"] is JsonObject || (int?)search["error"]?["code"] == -32803, search.ToJsonString());
    }

    [Theory]
    [InlineData("rtl/counter.v", 4, 19, "rtl/counter.v", 1)]
    [InlineData("rtl/top.sv", 3, 3, "rtl/counter.v", 1)]
    [InlineData("rtl/top.sv", 4, 3, "rtl/fifo.vhd", 3)]
    [InlineData("rtl/fifo.vhd", 11, 6, "rtl/fifo.vhd", 7)]
    public async Task Definition_and_declaration_in_each_language_and_across_them(string path, int line, int character, string targetPath, int targetLine)
    {
        foreach (var method in new[] { "textDocument/definition", "textDocument/declaration" })
        {
            var result = await Client.ResultAsync(method, Position(path, line, character));
            var location = Assert.Single(result!.AsArray());
            Assert.Equal(Session.Uri(targetPath), (string?)location!["uri"]);
            Assert.Equal(targetLine, (int)location["range"]!["start"]!["line"]!);
        }
    }

    [Fact]
    public async Task References_highlights_and_rename_of_a_unit_used_from_another_file()
    {
        var references = await Client.ResultAsync("textDocument/references", new
        {
            textDocument = new { uri = Session.Uri("rtl/counter.v") },
            position = new { line = 1, character = 9 },
            context = new { includeDeclaration = true },
        });
        var files = references!.AsArray().Select(location => Path.GetFileName((string)location!["uri"]!)).Order();
        Assert.Equal(["counter.v", "top.sv"], files);

        var highlights = await Client.ResultAsync("textDocument/documentHighlight", Position("rtl/fifo.vhd", 11, 6));
        Assert.True(highlights!.AsArray().Count >= 3, highlights.ToJsonString());

        var prepare = await Client.ResultAsync("textDocument/prepareRename", Position("rtl/fifo.vhd", 11, 6));
        Assert.Equal("stage", (string?)prepare!["placeholder"]);
        var rename = await Client.ResultAsync("textDocument/rename", new
        {
            textDocument = new { uri = Session.Uri("rtl/fifo.vhd") },
            position = new { line = 11, character = 6 },
            newName = "held",
        });
        var edits = rename!["changes"]![Session.Uri("rtl/fifo.vhd")]!.AsArray();
        Assert.Equal(highlights.AsArray().Count, edits.Count);
        Assert.All(edits, edit => Assert.Equal("held", (string?)edit!["newText"]));
        var invalid = await Client.RequestAsync("textDocument/rename", new
        {
            textDocument = new { uri = Session.Uri("rtl/fifo.vhd") },
            position = new { line = 11, character = 6 },
            newName = "not a name",
        });
        Assert.Equal(-32602, (int)invalid["error"]!["code"]!);
    }

    private object Document(string path) => new { textDocument = new { uri = Session.Uri(path) } };

    private object Position(string path, int line, int character) => new
    {
        textDocument = new { uri = Session.Uri(path) },
        position = new { line, character },
    };
}
