using System.Collections.Immutable;
using System.Text.Json;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Index;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// Settings from `initializationOptions` and `workspace/didChangeConfiguration` (either at the top level or under an
/// `hdl` key): include directories, defines, VHDL edition, diagnostics delay, whether elaboration findings are shown,
/// the retrieval index (on/off, folder, delay after edits). `hdl.json` of the workspace comes first and these add to it (<see cref="WorkspaceLoader"/>).
/// </summary>
internal sealed record ServerConfiguration
{
    public static readonly ServerConfiguration Default = new();

    public ImmutableArray<string> IncludeDirectories { get; init; } = [];

    public ImmutableArray<MacroDefine> Defines { get; init; } = [];

    public LanguageVersion VhdlVersion { get; init; } = LanguageVersion.Vhdl2008;

    /// <summary>
    /// Longest quiet time after the last edit before diagnostics are published; the quiet time follows what recent
    /// publications took, from 50 ms up to this (<see cref="DiagnosticsDebounce"/>).
    /// </summary>
    public int DiagnosticsDelayMilliseconds { get; init; } = 200;

    /// <summary>Adds the hierarchy's findings (unknown units, port mismatches) to each file's diagnostics.</summary>
    public bool ElaborationDiagnostics { get; init; } = true;

    /// <summary>Index the workspace folders at start; off, only open documents are analysed.</summary>
    public bool IndexWorkspace { get; init; } = true;

    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Longer texts are not analysed (a generated netlist, a memory image): they would stall every request.</summary>
    public int MaxFileCharacters { get; init; } = 4_000_000;

    /// <summary>Where the persisted workspace index and the retrieval index live (`ROOT/.hdl` when null).</summary>
    public string? IndexDirectory { get; init; }

    public bool Retrieval { get; init; } = true;

    /// <summary>Quiet time after the last edit before the retrieval index takes the changed files in.</summary>
    public int RetrievalDelayMilliseconds { get; init; } = 1500;

    /// <summary>The index options of these settings alone, for a server with no workspace folder.</summary>
    public WorkspaceIndexOptions IndexOptions() => new()
    {
        Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = IncludeDirectories, Defines = Defines },
        VhdlVersion = VhdlVersion,
        MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism),
    };

    /// <summary>Settings read from JSON over the current ones; unknown keys and wrong types are ignored.</summary>
    public ServerConfiguration Read(JsonElement? settings)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } root)
        {
            return this;
        }

        if (root.TryGetProperty("hdl", out var nested) && nested.ValueKind == JsonValueKind.Object)
        {
            root = nested;
        }

        var result = this;
        if (Strings(root, "includeDirectories") is { } includes)
        {
            result = result with { IncludeDirectories = includes };
        }

        if (Strings(root, "defines") is { } defines)
        {
            result = result with { Defines = [.. defines.Select(ParseDefine)] };
        }

        if (root.TryGetProperty("vhdlStandard", out var standard))
        {
            var text = standard.ValueKind == JsonValueKind.Number ? standard.GetRawText() : standard.ValueKind == JsonValueKind.String ? standard.GetString() : null;
            result = text is "93" or "1993" ? result with { VhdlVersion = LanguageVersion.Vhdl1993 } : text is "08" or "2008" ? result with { VhdlVersion = LanguageVersion.Vhdl2008 } : result;
        }

        if (root.TryGetProperty("diagnosticsDelay", out var delay) && delay.TryGetInt32(out var milliseconds) && milliseconds >= 0)
        {
            result = result with { DiagnosticsDelayMilliseconds = milliseconds };
        }

        if (root.TryGetProperty("maxFileCharacters", out var maxFile) && maxFile.TryGetInt32(out var characters) && characters > 0)
        {
            result = result with { MaxFileCharacters = characters };
        }

        if (root.TryGetProperty("elaborationDiagnostics", out var elaboration) && elaboration.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            result = result with { ElaborationDiagnostics = elaboration.GetBoolean() };
        }

        if (root.TryGetProperty("retrieval", out var retrieval) && retrieval.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            result = result with { Retrieval = retrieval.GetBoolean() };
        }

        if (root.TryGetProperty("retrievalDelay", out var retrievalDelay) && retrievalDelay.TryGetInt32(out var retrievalMilliseconds) && retrievalMilliseconds >= 0)
        {
            result = result with { RetrievalDelayMilliseconds = retrievalMilliseconds };
        }

        if (root.TryGetProperty("indexDirectory", out var indexDirectory) && indexDirectory.ValueKind == JsonValueKind.String)
        {
            result = result with { IndexDirectory = indexDirectory.GetString() };
        }

        if (root.TryGetProperty("indexWorkspace", out var index) && index.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            result = result with { IndexWorkspace = index.GetBoolean() };
        }

        return result;
    }

    /// <summary>True when a change of settings needs the workspace indexed again.</summary>
    public bool AffectsIndex(ServerConfiguration other) =>
        other is null || !IncludeDirectories.SequenceEqual(other.IncludeDirectories) || !Defines.SequenceEqual(other.Defines) || VhdlVersion != other.VhdlVersion || IndexWorkspace != other.IndexWorkspace
        || Retrieval != other.Retrieval || IndexDirectory != other.IndexDirectory;

    private static ImmutableArray<string>? Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : null;

    private static MacroDefine ParseDefine(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new MacroDefine(text, null) : new MacroDefine(text[..equals], text[(equals + 1)..]);
    }
}
