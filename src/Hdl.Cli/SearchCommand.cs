using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hdl.Retrieval.Chunking;
using Hdl.Retrieval.Embeddings.OpenAi;
using Hdl.Retrieval.Search;
using Hdl.Retrieval.Storage;

// Console output of a command-line run is line-sized and synchronous by nature; awaiting each write gains nothing.
#pragma warning disable VSTHRD103

namespace Hdl.Cli;

/// <summary>`hdl search "QUERY" [ROOT]`: ranked chunks (module, block, signal) for a plain-words query.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY") { Description = "What to look for, in plain words or identifiers." };
        var workspace = new WorkspaceArguments();
        var retrieval = new RetrievalArguments();
        var kind = new Option<string>("--kind") { Description = "Granularity of results: module, block, signal or all.", DefaultValueFactory = _ => "all" };
        kind.AcceptOnlyFromAmong("module", "block", "signal", "all");
        var top = new Option<int>("--top") { Description = "Number of results.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON document." };
        var command = new Command("search", "Search a workspace's modules, blocks and signals (lexical, vector and graph retrieval, fused).");
        command.Arguments.Add(query);
        workspace.AddTo(command);
        retrieval.AddTo(command);
        command.Options.Add(kind);
        command.Options.Add(top);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(query)!,
            workspace.Read(parseResult),
            retrieval.Read(parseResult),
            ParseGranularity(parseResult.GetValue(kind)),
            parseResult.GetValue(top),
            parseResult.GetValue(json),
            cancellationToken));
        return command;
    }

    public static Granularity? ParseGranularity(string? kind) => kind switch
    {
        "module" => Granularity.Module,
        "block" => Granularity.Block,
        "signal" => Granularity.Signal,
        _ => null,
    };

    private static async Task<int> RunAsync(string query, WorkspaceRequest request, RetrievalRequest retrieval, Granularity? granularity, int top, bool json, CancellationToken cancellationToken)
    {
        if (top <= 0)
        {
            Console.Error.WriteLine("hdl: error: --top must be at least 1");
            return Program.ExitUsageError;
        }

        var (session, problems) = await RetrievalSession.OpenAsync(request, retrieval.Backend, showProgress: !json, cancellationToken).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"hdl: error: {problem}");
        }

        if (session is null)
        {
            return Program.ExitUsageError;
        }

        using (session)
        {
            if (session.UpdateSummary is { } summary)
            {
                Console.Error.WriteLine(summary);
            }

            var options = SearchOptions.Default with { Granularity = granularity, Top = top, Mode = retrieval.Mode };
            var hits = await session.SearchAsync(query, options, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                WriteJson(query, options, hits);
            }
            else
            {
                WriteText(hits);
            }
        }

        return Program.ExitSuccess;
    }

    private static void WriteText(IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            Console.WriteLine("no results");
            return;
        }

        for (var index = 0; index < hits.Count; index++)
        {
            var hit = hits[index];
            var chunk = hit.Chunk;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{index + 1}. {chunk.Path}:{chunk.StartLine}  {chunk.Context}  [{chunk.Granularity.ToString().ToLowerInvariant()}, {chunk.Kind.ToString().ToLowerInvariant()}]  score {hit.Score:0.0000}"));
            Console.WriteLine($"   why: {hit.Why}");
            foreach (var line in chunk.Snippet.Split('\n').Take(6))
            {
                Console.WriteLine($"   | {line}");
            }
        }
    }

    private static void WriteJson(string query, SearchOptions options, IReadOnlyList<SearchHit> hits)
    {
        using var output = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteString("mode", options.Mode.ToString().ToLowerInvariant());
            writer.WriteString("kind", options.Granularity?.ToString().ToLowerInvariant() ?? "all");
            writer.WriteStartArray("results");
            foreach (var hit in hits)
            {
                var chunk = hit.Chunk;
                writer.WriteStartObject();
                writer.WriteString("file", chunk.Path);
                writer.WriteNumber("line", chunk.StartLine);
                writer.WriteNumber("endLine", chunk.EndLine);
                writer.WriteString("unit", chunk.Unit);
                writer.WriteString("name", chunk.Name);
                writer.WriteString("kind", chunk.Kind.ToString().ToLowerInvariant());
                writer.WriteString("granularity", chunk.Granularity.ToString().ToLowerInvariant());
                writer.WriteString("context", chunk.Context);
                writer.WriteNumber("score", Math.Round(hit.Score, 6));
                writer.WriteString("snippet", chunk.Snippet);
                writer.WriteStartObject("why");
                writer.WriteStartArray("matchedTerms");
                foreach (var term in hit.MatchedTerms)
                {
                    writer.WriteStringValue(term);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("retrievers");
                foreach (var source in hit.Sources)
                {
                    writer.WriteStartObject();
                    writer.WriteString("retriever", source.Retriever.ToString().ToLowerInvariant());
                    writer.WriteNumber("rank", source.Rank);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                if (hit.GraphPath is not null)
                {
                    writer.WriteString("graphPath", hit.GraphPath);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }
}

/// <summary>What the retrieval options of a command say.</summary>
internal sealed record RetrievalRequest(SearchMode Mode, RetrievalBackendOptions Backend);

/// <summary>The retrieval options of `hdl search`: mode, provider and store (the index folder is the workspace's `--index-dir`).</summary>
internal sealed class RetrievalArguments
{
    private readonly Option<string> _mode = new("--mode") { Description = "lexical, vector, graph or hybrid.", DefaultValueFactory = _ => "hybrid" };

    private readonly Option<string> _provider = new("--embeddings") { Description = "Embedding provider: builtin, onnx or openai.", DefaultValueFactory = _ => "builtin" };

    private readonly Option<string> _store = new("--vector-store") { Description = "Vector store: sqlite or qdrant.", DefaultValueFactory = _ => "sqlite" };

    public RetrievalArguments()
    {
        _mode.AcceptOnlyFromAmong("lexical", "vector", "graph", "hybrid");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_mode);
        command.Options.Add(_provider);
        command.Options.Add(_store);
    }

    public RetrievalRequest Read(ParseResult parseResult) => new(
        ParseMode(parseResult.GetValue(_mode)),
        RetrievalBackendOptions.Default with
        {
            EmbeddingProvider = parseResult.GetValue(_provider) ?? "builtin",
            VectorStore = parseResult.GetValue(_store) ?? "sqlite",
            // Endpoints, model files and keys come from the environment only, so no secret is ever on a command line.
            OnnxModelPath = Variable("HDL_ONNX_MODEL"),
            OnnxVocabularyPath = Variable("HDL_ONNX_VOCAB"),
            OpenAiEndpoint = Uri.TryCreate(Variable(OpenAiEmbeddingOptions.EndpointVariable), UriKind.Absolute, out var endpoint) ? endpoint : null,
            OpenAiModel = Variable(OpenAiEmbeddingOptions.ModelVariable),
            OpenAiApiKey = Variable(OpenAiEmbeddingOptions.ApiKeyVariable),
            QdrantUrl = Uri.TryCreate(Variable("HDL_QDRANT_URL"), UriKind.Absolute, out var qdrant) ? qdrant : null,
        });

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    public static SearchMode ParseMode(string? mode) => mode switch
    {
        "lexical" => SearchMode.Lexical,
        "vector" => SearchMode.Vector,
        "graph" => SearchMode.Graph,
        _ => SearchMode.Hybrid,
    };
}
