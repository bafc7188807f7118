using System.Text;
using System.Text.Json.Nodes;

namespace Hdl.LanguageServer.Tests;

/// <summary>
/// The check helpers every handler test calls (STYLE §4): each writes the fixture to a temp folder, starts the server
/// in process, opens the cursor's file, sends one request and renders the answer as text to compare.
/// </summary>
internal static class Check
{
    public static async Task<string> HoverAsync(string fixtureText)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var result = await session.Client.ResultAsync("textDocument/hover", PositionParams(session, fixture));
            return (string?)result?["contents"]?["value"] ?? "(no hover)";
        }
    }

    /// <summary>The definitions at the cursor as `path:line` (one-based, path relative to the fixture root), one per line.</summary>
    public static Task DefinitionAsync(string fixtureText, string expected) => LocationsAsync("textDocument/definition", fixtureText, expected);

    /// <summary>The references at the cursor (declaration included) as `path:line:column`, one-based, one per line.</summary>
    public static Task ReferencesAsync(string fixtureText, string expected) =>
        LocationsAsync("textDocument/references", fixtureText, expected, withColumn: true);

    private static async Task LocationsAsync(string method, string fixtureText, string expected, bool withColumn = false)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var position = PositionParams(session, fixture);
            var result = await session.Client.ResultAsync(method, withColumn
                ? new { textDocument = new { uri = session.Uri(fixture.CursorPath!) }, position = new { line = fixture.CursorLine, character = fixture.CursorCharacter }, context = new { includeDeclaration = true } }
                : position);
            var lines = result!.AsArray().Select(location =>
            {
                var start = location!["range"]!["start"]!;
                var where = $"{Path.GetRelativePath(session.Root, new Uri((string)location["uri"]!).LocalPath).Replace('\\', '/')}:{(int)start["line"]! + 1}";
                return withColumn ? $"{where}:{(int)start["character"]! + 1}" : where;
            });
            AssertText(expected, string.Join('\n', lines.Order(StringComparer.Ordinal)));
        }
    }

    public static async Task DocumentSymbolsAsync(string fixtureText, string expected)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var result = await session.Client.ResultAsync("textDocument/documentSymbol", new { textDocument = new { uri = session.Uri(fixture.CursorPath ?? fixture.Files.Keys.First()) } });
            var text = new StringBuilder();
            void Render(JsonNode? symbol, int depth)
            {
                text.Append(new string(' ', depth * 2)).Append((string?)symbol!["name"]).Append(' ').Append(SymbolKindName((int)symbol["kind"]!));
                if (symbol["detail"] is { } detail)
                {
                    text.Append(" : ").Append((string?)detail);
                }

                text.Append(CultureInfo($" [{(int)symbol["range"]!["start"]!["line"]!}-{(int)symbol["range"]!["end"]!["line"]!}]")).Append('\n');
                foreach (var child in symbol["children"]?.AsArray() ?? [])
                {
                    Render(child, depth + 1);
                }
            }

            foreach (var symbol in result!.AsArray())
            {
                Render(symbol, 0);
            }

            AssertText(expected, text.ToString());
        }
    }

    public static async Task WorkspaceSymbolsAsync(string fixtureText, string query, string expected)
    {
        var (session, _) = await OpenAsync(fixtureText);
        await using (session)
        {
            var result = await session.Client.ResultAsync("workspace/symbol", new { query });
            var lines = result!.AsArray().Select(symbol =>
                $"{(string?)symbol!["name"]} {SymbolKindName((int)symbol["kind"]!)} in {(string?)symbol["containerName"] ?? "-"} at {Path.GetFileName(new Uri((string)symbol["location"]!["uri"]!).LocalPath)}:{(int)symbol["location"]!["range"]!["start"]!["line"]! + 1}");
            AssertText(expected, string.Join('\n', lines));
        }
    }

    public static async Task FoldingAsync(string fixtureText, string expected)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var result = await session.Client.ResultAsync("textDocument/foldingRange", new { textDocument = new { uri = session.Uri(fixture.CursorPath ?? fixture.Files.Keys.First()) } });
            var lines = result!.AsArray().Select(range => $"{(int)range!["startLine"]! + 1}-{(int)range["endLine"]! + 1} {(string?)range["kind"]}");
            AssertText(expected, string.Join('\n', lines));
        }
    }

    /// <summary>Decodes the relative encoding into `line:column text type[+modifiers]` lines.</summary>
    public static async Task SemanticTokensAsync(string fixtureText, string expected, object? range = null)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var path = fixture.CursorPath ?? fixture.Files.Keys.First();
            var initialize = session.InitializeResult!;
            var legend = initialize["capabilities"]!["semanticTokensProvider"]!["legend"]!;
            var types = legend["tokenTypes"]!.AsArray().Select(type => (string)type!).ToArray();
            var modifiers = legend["tokenModifiers"]!.AsArray().Select(modifier => (string)modifier!).ToArray();
            var result = range is null
                ? await session.Client.ResultAsync("textDocument/semanticTokens/full", new { textDocument = new { uri = session.Uri(path) } })
                : await session.Client.ResultAsync("textDocument/semanticTokens/range", new { textDocument = new { uri = session.Uri(path) }, range });
            var data = result!["data"]!.AsArray().Select(value => (int)value!).ToArray();
            var sourceLines = fixture.Files[path].Split('\n');
            var rendered = new List<string>();
            int line = 0, character = 0;
            for (var i = 0; i + 4 < data.Length; i += 5)
            {
                line += data[i];
                character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
                var text = sourceLines[line].Substring(character, data[i + 2]);
                var mods = Enumerable.Range(0, modifiers.Length).Where(bit => (data[i + 4] & (1 << bit)) != 0).Select(bit => modifiers[bit]);
                var modifierText = string.Join('+', mods);
                if (types[data[i + 3]] is not ("keyword" or "comment" or "number" or "string"))
                {
                    rendered.Add($"{line + 1}:{character + 1} {text} {types[data[i + 3]]}{(modifierText.Length > 0 ? "+" + modifierText : "")}");
                }
            }

            AssertText(expected, string.Join('\n', rendered));
        }
    }

    /// <summary>Diagnostics published for the cursor's file must be exactly the fixture's annotations (`// ^^^ error HDL1001`).</summary>
    public static async Task DiagnosticsAsync(string fixtureText)
    {
        var (session, fixture) = await OpenAsync(fixtureText);
        await using (session)
        {
            var path = fixture.CursorPath ?? fixture.Files.Keys.First();
            var uri = session.Uri(path);
            var published = await session.Client.WaitForNotificationAsync("textDocument/publishDiagnostics", message => (string?)message["params"]!["uri"] == uri);
            var actual = published["params"]!["diagnostics"]!.AsArray().Select(diagnostic =>
                $"{(int)diagnostic!["range"]!["start"]!["line"]! + 1}:{(int)diagnostic["range"]!["start"]!["character"]! + 1} {SeverityName((int)diagnostic["severity"]!)} {(string?)diagnostic["code"] ?? (diagnostic["tags"] is null ? "" : "unnecessary")}".TrimEnd());
            var expected = fixture.Annotations.Where(annotation => annotation.Path == path).Select(annotation => $"{annotation.Line + 1}:{annotation.StartCharacter + 1} {annotation.Label}");
            AssertText(string.Join('\n', expected.Order()), string.Join('\n', actual.Order()));
        }
    }

    public static async Task<(LspSession Session, Fixture Fixture)> OpenAsync(string fixtureText)
    {
        var fixture = Fixture.Parse(fixtureText);
        var root = LspSession.NewRoot();
        LspSession.Write(root, fixture);
        var session = await LspSession.StartInMemoryAsync(root);
        session.InitializeResult = await session.InitializeAsync();
        var path = fixture.CursorPath ?? fixture.Files.Keys.First();
        await session.OpenAsync(path, fixture.Files[path], path.EndsWith(".vhd", StringComparison.Ordinal) ? "vhdl" : "systemverilog");
        return (session, fixture);
    }

    public static object PositionParams(LspSession session, Fixture fixture) => new
    {
        textDocument = new { uri = session.Uri(fixture.CursorPath!) },
        position = new { line = fixture.CursorLine, character = fixture.CursorCharacter },
    };

    public static string SymbolKindName(int kind) => kind switch
    {
        2 => "module",
        3 => "namespace",
        4 => "package",
        5 => "class",
        7 => "property",
        8 => "field",
        11 => "interface",
        12 => "function",
        13 => "variable",
        14 => "constant",
        19 => "object",
        22 => "enumMember",
        24 => "event",
        26 => "typeParameter",
        _ => kind.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string SeverityName(int severity) => severity switch { 1 => "error", 2 => "warning", 3 => "info", _ => "hint" };

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Compares rendered text; on a difference the whole actual text is shown, ready to paste.</summary>
    public static void AssertText(string expected, string actual)
    {
        Assert.True(Normalize(expected) == Normalize(actual), $"expected:\n{Normalize(expected)}\nactual:\n{Normalize(actual)}");
    }

    private static string Normalize(string text) => string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n').Select(line => line.TrimEnd()));
}
