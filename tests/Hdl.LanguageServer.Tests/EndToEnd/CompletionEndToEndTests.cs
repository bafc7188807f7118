using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// Completion, completion resolve and signature help over stdio with the real `hdl serve`, on buffers being typed
/// (broken lines) in SystemVerilog and VHDL, with units from the other language.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public class CompletionEndToEndTests(ServerProcessFixture server)
{
    private LspSession Session => server.Session;

    private LspClient Client => server.Session.Client;

    [Fact]
    public void Completion_and_signature_help_are_advertised_with_their_trigger_characters()
    {
        var capabilities = server.InitializeResult!["capabilities"]!;
        Assert.Equal([".", ":", "$", "'"], capabilities["completionProvider"]!["triggerCharacters"]!.AsArray().Select(node => (string)node!));
        Assert.True((bool)capabilities["completionProvider"]!["resolveProvider"]!);
        Assert.Equal(["(", ","], capabilities["signatureHelpProvider"]!["triggerCharacters"]!.AsArray().Select(node => (string)node!));
    }

    [Fact]
    public async Task A_module_name_completes_to_an_instance_template_and_resolves_to_its_documentation()
    {
        const string path = "rtl/typing_template.sv";
        await Session.OpenAsync(path, "module typing_template(input logic clk, input logic rst);\n  logic [3:0] value;\n  coun");
        var list = await Client.ResultAsync("textDocument/completion", At(path, 2, 6));
        var item = Item(list, "counter");
        Assert.Equal(2, (int)item["insertTextFormat"]!);
        Assert.Equal("counter #(\n  .N(${1:N})\n) ${2:u_counter} (\n  .clk(${3:clk}),\n  .rst(${4:rst}),\n  .count(${5:count})\n);", (string)item["textEdit"]!["newText"]!);
        Assert.Equal(2, (int)item["textEdit"]!["range"]!["start"]!["character"]!);

        var resolved = await Client.ResultAsync("completionItem/resolve", item.DeepClone());
        var documentation = (string)resolved!["documentation"]!["value"]!;
        Assert.Contains("module counter", documentation, StringComparison.Ordinal);
        Assert.Contains("Counts clock edges.", documentation, StringComparison.Ordinal);
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    [Fact]
    public async Task In_a_port_list_completion_offers_the_remaining_ports_and_signature_help_marks_the_next()
    {
        const string path = "rtl/typing_ports.sv";
        await Session.OpenAsync(path, "module typing_ports(input logic clk, input logic rst);\n  logic [3:0] value;\n  counter u (.clk(clk), .");
        var list = await Client.ResultAsync("textDocument/completion", At(path, 2, 25));
        Assert.Equal(["rst", "count"], list!["items"]!.AsArray().Select(item => (string)item!["label"]!));
        Assert.Equal("input", (string)Item(list, "rst")["detail"]!);

        var help = await Client.ResultAsync("textDocument/signatureHelp", At(path, 2, 25));
        var signature = help!["signatures"]![0]!;
        Assert.Equal("counter (input clk, input rst, output reg [N-1:0] count)", (string)signature["label"]!);
        Assert.Equal(1, (int)help["activeParameter"]!);
        var label = signature["parameters"]![1]!["label"]!.AsArray();
        Assert.Equal("input rst", ((string)signature["label"]!)[(int)label[0]!..(int)label[1]!]);
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    [Fact]
    public async Task A_dollar_completes_system_tasks_with_a_resolved_description()
    {
        const string path = "rtl/typing_system.sv";
        await Session.OpenAsync(path, "module typing_system;\n  initial $disp");
        var list = await Client.ResultAsync("textDocument/completion", At(path, 1, 15));
        var item = Item(list, "$display");
        Assert.Equal(10, (int)item["textEdit"]!["range"]!["start"]!["character"]!);
        var resolved = await Client.ResultAsync("completionItem/resolve", item.DeepClone());
        Assert.Contains("newline", (string)resolved!["documentation"]!["value"]!, StringComparison.Ordinal);
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    [Fact]
    public async Task A_vhdl_port_map_gets_the_entity_ports_as_completion_and_signature()
    {
        const string path = "rtl/typing_map.vhd";
        await Session.OpenAsync(
            path,
            "library ieee;\nuse ieee.std_logic_1164.all;\nentity typing_map is\n  port (clk : in std_logic);\nend entity;\narchitecture rtl of typing_map is\n  signal d : std_logic_vector(3 downto 0);\nbegin\n  u : entity work.fifo port map (clk => clk, ",
            "vhdl");
        var list = await Client.ResultAsync("textDocument/completion", At(path, 8, 44));
        var items = list!["items"]!.AsArray().Select(item => (string)item!["label"]!).ToList();
        Assert.Equal(["din", "dout"], items.Take(2));
        Assert.Contains("d", items);
        Assert.Equal("din => ${1:din}", (string)Item(list, "din")["textEdit"]!["newText"]!);

        var help = await Client.ResultAsync("textDocument/signatureHelp", At(path, 8, 44));
        Assert.StartsWith("entity work.fifo port (clk : in std_logic; din : in std_logic_vector(3 downto 0)", (string)help!["signatures"]![0]!["label"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)help["activeParameter"]!);
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    [Fact]
    public async Task A_verilog_module_completes_to_an_entity_instance_in_vhdl()
    {
        const string path = "rtl/typing_mixed.vhd";
        await Session.OpenAsync(path, "entity typing_mixed is\nend entity;\narchitecture rtl of typing_mixed is\nbegin\n  count", "vhdl");
        var list = await Client.ResultAsync("textDocument/completion", At(path, 4, 7));
        Assert.Equal(
            "${1:u_counter} : entity work.counter\n  generic map (\n    N => ${2:N}\n  )\n  port map (\n    clk => ${3:clk},\n    rst => ${4:rst},\n    count => ${5:count}\n  );",
            (string)Item(list, "counter")["textEdit"]!["newText"]!);
        await Client.NotifyAsync("textDocument/didClose", Document(path));
    }

    private static JsonNode Item(JsonNode? list, string label) =>
        list!["items"]!.AsArray().FirstOrDefault(item => (string?)item!["label"] == label)
        ?? throw new Xunit.Sdk.XunitException($"no item '{label}' in: {string.Join(", ", list["items"]!.AsArray().Select(item => (string?)item!["label"]))}");

    private object Document(string path) => new { textDocument = new { uri = Session.Uri(path) } };

    private object At(string path, int line, int character) => new
    {
        textDocument = new { uri = Session.Uri(path) },
        position = new { line, character },
    };
}
