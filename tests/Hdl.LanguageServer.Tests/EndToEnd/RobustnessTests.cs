using System.Text;
using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// Bad input over the wire and bad workspace content: each gets a result or a proper error, and the same server process
/// keeps answering (every test ends by checking that it is alive).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public class RobustnessTests(ServerProcessFixture server)
{
    private LspSession Session => server.Session;

    private LspClient Client => server.Session.Client;

    [Fact]
    public async Task Malformed_json_is_answered_with_a_parse_error_for_its_id()
    {
        await Client.SendRawAsync(LspClient.Frame("{\"jsonrpc\":\"2.0\",\"id\":90001,\"method\":\"textDocument/hover\",\"params\":{"));
        var response = await Client.ResponseForAsync(90001);
        Assert.Equal(-32700, (int)response["error"]!["code"]!);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Json_that_is_not_a_message_is_an_invalid_request()
    {
        await Client.SendRawAsync(LspClient.Frame("[1, 2, 3]"));
        await Client.SendRawAsync(LspClient.Frame("{\"jsonrpc\":\"2.0\",\"id\":90002}"));
        var response = await Client.ResponseForAsync(90002);
        Assert.Equal(-32600, (int)response["error"]!["code"]!);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_content_length_too_short_or_too_long_loses_only_that_message()
    {
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":90003,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"top\"}}");
        await Client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length - 10}\r\n\r\n"), .. body]);
        var tooShort = await Client.ResponseForAsync(90003);
        Assert.Equal(-32700, (int)tooShort["error"]!["code"]!);

        body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":90004,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"top\"}}");
        var next = LspClient.Frame("{\"jsonrpc\":\"2.0\",\"id\":90005,\"method\":\"workspace/symbol\",\"params\":{\"query\":\"fifo\"}}");
        await Client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length + 30}\r\n\r\n"), .. body, .. next]);
        var tooLong = await Client.ResponseForAsync(90004);
        Assert.NotNull(tooLong["error"] ?? tooLong["result"]);
        var following = await Client.ResponseForAsync(90005);
        Assert.Null(following["error"]);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_header_without_length_is_skipped()
    {
        await Client.SendRawAsync(Encoding.ASCII.GetBytes("X-Nonsense: yes\r\n\r\n"));
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Unknown_methods_are_method_not_found_and_unknown_notifications_are_ignored()
    {
        var response = await Client.RequestAsync("textDocument/noSuchThing", new { });
        Assert.Equal(-32601, (int)response["error"]!["code"]!);
        await Client.NotifyAsync("$/noSuchNotification", new { });
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Wrong_params_are_invalid_params()
    {
        var response = await Client.RequestAsync("workspace/symbol", new JsonArray(1, 2));
        Assert.NotNull(response["error"]);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Positions_past_the_end_of_a_file_answer()
    {
        var hover = await Client.RequestAsync("textDocument/hover", new
        {
            textDocument = new { uri = Session.Uri("rtl/counter.v") },
            position = new { line = 10_000, character = 500 },
        });
        Assert.Null(hover["error"]);
        var negative = await Client.RequestAsync("textDocument/hover", new
        {
            textDocument = new { uri = Session.Uri("rtl/counter.v") },
            position = new { line = -1, character = -7 },
        });
        Assert.Null(negative["error"]);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Files_outside_the_workspace_and_other_schemes_are_served()
    {
        var outside = Path.Combine(Path.GetTempPath(), "hdl-lsp-outside-" + Guid.NewGuid().ToString("N") + ".sv");
        var uri = Protocol.Conversions.ToUri(outside, Protocol.Conversions.CurrentPathStyle);
        await Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "systemverilog", version = 1, text = "module outside_unit;\nendmodule\n" } });
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Equal("outside_unit", (string?)symbols![0]!["name"]);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        var untitled = await Client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = "untitled:Untitled-1" } });
        Assert.Null(untitled["error"]);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_20_megabyte_file_is_refused_with_a_diagnostic_and_requests_on_it_answer()
    {
        var text = new StringBuilder();
        for (var unit = 0; text.Length < 20_000_000; unit++)
        {
            text.Append("module big_").Append(unit).Append("(input logic clk, output logic [7:0] q);\n  logic [7:0] r;\n  always_ff @(posedge clk) r <= r + 8'd1;\n  assign q = r;\nendmodule\n");
        }

        var uri = Session.Uri("rtl/big.sv");
        await Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "systemverilog", version = 1, text = text.ToString() } });
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri } });
        Assert.Empty(symbols!.AsArray());
        var tokens = await Client.ResultAsync("textDocument/semanticTokens/full", new { textDocument = new { uri } });
        Assert.Empty(tokens!["data"]!.AsArray());
        var published = await Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message => (string?)message["params"]!["uri"] == uri);
        Assert.Contains("more than the limit for analysis", (string?)published["params"]!["diagnostics"]![0]!["message"], StringComparison.Ordinal);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_binary_file_is_reported_not_parsed()
    {
        var full = Path.Combine(Session.Root, "rtl", "blob.sv");
        await File.WriteAllBytesAsync(full, [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]);
        await Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Session.Uri("rtl/blob.sv"), type = 1 } } });
        var symbols = await Client.RequestAsync("textDocument/documentSymbol", new { textDocument = new { uri = Session.Uri("rtl/blob.sv") } });
        Assert.Null(symbols["error"]);
        var folding = await Client.RequestAsync("textDocument/foldingRange", new { textDocument = new { uri = Session.Uri("rtl/blob.sv") } });
        Assert.Null(folding["error"]);
        await Client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = Session.Uri("rtl/blob2.sv"), languageId = "systemverilog", version = 1, text = "module \0\0\u0001 x;" } });
        var opened = await Client.RequestAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = Session.Uri("rtl/blob2.sv") } });
        Assert.Null(opened["error"]);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_file_deleted_while_open_keeps_its_buffer()
    {
        var full = Path.Combine(Session.Root, "rtl", "doomed.sv");
        const string text = "module doomed_unit(input logic a);\nendmodule\n";
        await File.WriteAllTextAsync(full, text);
        await Session.OpenAsync("rtl/doomed.sv", text);
        File.Delete(full);
        await Client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = Session.Uri("rtl/doomed.sv"), type = 3 } } });
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = Session.Uri("rtl/doomed.sv") } });
        Assert.Equal("doomed_unit", (string?)symbols![0]!["name"]);
        await Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Session.Uri("rtl/doomed.sv") } });
        var after = await Client.ResultAsync("workspace/symbol", new { query = "doomed_unit" });
        Assert.Empty(after!.AsArray());
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Thousands_of_rapid_edits_lose_no_text()
    {
        var path = "rtl/typed.sv";
        await Session.OpenAsync(path, "module typed(input logic a);\n  logic ;\nendmodule\n");
        const string name = "signal_typed_one_character_at_a_time";
        var version = 1;
        for (var round = 0; round < 60; round++)
        {
            for (var i = 0; i < name.Length; i++)
            {
                await Client.NotifyAsync("textDocument/didChange", Edit(path, ++version, 1, 8 + i, 8 + i, name[i].ToString()));
            }

            if (round < 59)
            {
                for (var i = name.Length; i > 0; i--)
                {
                    await Client.NotifyAsync("textDocument/didChange", Edit(path, ++version, 1, 8 + i - 1, 8 + i, string.Empty));
                }
            }
        }

        Assert.True(version > 4000);
        var symbols = await Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = Session.Uri(path) } });
        Assert.Contains(symbols![0]!["children"]!.AsArray(), symbol => (string?)symbol!["name"] == name);
        var hover = await Client.ResultAsync("textDocument/hover", new { textDocument = new { uri = Session.Uri(path) }, position = new { line = 1, character = 10 } });
        Assert.Contains(name, (string?)hover!["contents"]!["value"], StringComparison.Ordinal);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task Cancelled_requests_answer_with_a_result_or_request_cancelled()
    {
        var (id, response) = await Client.StartRequestAsync("workspace/symbol", new { query = "c" });
        await Client.NotifyAsync("$/cancelRequest", new { id });
        var answer = await response;
        Assert.True(answer["result"] is not null || (int?)answer["error"]?["code"] == -32800, answer.ToJsonString());
        await AssertAliveAsync();
    }

    private object Edit(string path, int version, int line, int start, int end, string text) => new
    {
        textDocument = new { uri = Session.Uri(path), version },
        contentChanges = new[] { new { range = new { start = new { line, character = start }, end = new { line, character = end } }, text } },
    };

    private async Task AssertAliveAsync()
    {
        var response = await Client.RequestAsync("workspace/symbol", new { query = "counter" });
        Assert.Contains(response["result"]!.AsArray(), symbol => (string?)symbol!["name"] == "counter");
        Assert.False(Session.HasExited(), "the server process exited");
    }
}
