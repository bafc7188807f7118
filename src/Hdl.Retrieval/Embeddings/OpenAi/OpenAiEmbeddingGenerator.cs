using System.Buffers;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hdl.Retrieval.Http;
using Microsoft.Extensions.AI;

namespace Hdl.Retrieval.Embeddings.OpenAi;

/// <summary>
/// Embeddings from an OpenAI-compatible <c>POST /v1/embeddings</c> endpoint, in batches, with retries on 429, 5xx and
/// transport errors.
/// </summary>
/// <remarks>
/// A small HttpClient implementation rather than Microsoft.Extensions.AI.OpenAI: the request is one JSON object, and
/// owning it lets us batch, retry and word errors the same way as the Qdrant adapter, with no OpenAI SDK dependency in
/// the retrieval layer. Only the fields every compatible server accepts are sent (<c>model</c>, <c>input</c>, and
/// <c>dimensions</c> when asked for).
/// </remarks>
public sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OpenAiEmbeddingOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _url;

    /// <param name="transport">The HTTP handler underneath the retry policy; null for a new <see cref="SocketsHttpHandler"/>.</param>
    public OpenAiEmbeddingGenerator(OpenAiEmbeddingOptions options, HttpMessageHandler? transport = null)
        : this(options, transport, delay: null)
    {
    }

    internal OpenAiEmbeddingGenerator(OpenAiEmbeddingOptions options, HttpMessageHandler? transport, Func<TimeSpan, CancellationToken, Task>? delay)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _options = options;
        _url = options.EmbeddingsUrl;
        _http = new HttpClient(new RetryingHttpHandler(options.Retry, transport ?? new SocketsHttpHandler(), delay))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Metadata = new EmbeddingGeneratorMetadata("openai-compatible", _url, options.Model, options.Dimensions);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? _options.Model;
        var dimensions = options?.Dimensions ?? _options.Dimensions;
        var result = new GeneratedEmbeddings<Embedding<float>>();
        long inputTokens = 0, totalTokens = 0;
        var sawUsage = false;
        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            var (embeddings, usage) = await EmbedBatchAsync(batch, model, dimensions, cancellationToken).ConfigureAwait(false);
            result.AddRange(embeddings);
            if (usage is { } counts)
            {
                sawUsage = true;
                inputTokens += counts.Input;
                totalTokens += counts.Total;
            }
        }

        if (sawUsage)
        {
            result.Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = totalTokens };
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Get(this, Metadata, serviceType, serviceKey);

    public void Dispose() => _http.Dispose();

    private async Task<(List<Embedding<float>> Embeddings, (long Input, long Total)? Usage)> EmbedBatchAsync(
        string[] batch,
        string model,
        int? dimensions,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = RequestBody(batch, model, dimensions) };
        if (_options.ApiKey is { Length: > 0 } apiKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            throw new HttpRequestException($"{Describe(model)}: no answer: {Scrub(exception.Message)}", exception);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(
                    $"{Describe(model)}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Scrub(ErrorText(text))}",
                    inner: null,
                    response.StatusCode);
            }

            try
            {
                return ParseResponse(text, batch.Length, model, dimensions);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new HttpRequestException($"{Describe(model)}: the answer is not an embeddings response: {exception.Message}", exception);
            }
        }
    }

    private static ByteArrayContent RequestBody(string[] batch, string model, int? dimensions)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("input");
            foreach (var text in batch)
            {
                // OpenAI rejects an empty input string; a single space embeds as "nothing" without failing the batch.
                writer.WriteStringValue(text.Length == 0 ? " " : text);
            }

            writer.WriteEndArray();
            if (dimensions is { } size)
            {
                writer.WriteNumber("dimensions", size);
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// Reads <c>{"data": [{"index": i, "embedding": [...]}], "model": …, "usage": {"prompt_tokens", "total_tokens"}}</c>.
    /// Items are placed by <c>index</c> (the API does not promise order); every input must get exactly one vector, all
    /// of one size. A base64 string embedding (little-endian float32) is accepted too, as some servers send it.
    /// </summary>
    internal static (List<Embedding<float>> Embeddings, (long Input, long Total)? Usage) ParseResponse(string text, int count, string model, int? dimensions)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var vectors = new float[]?[count];
        foreach (var item in root.GetProperty("data").EnumerateArray())
        {
            var index = item.GetProperty("index").GetInt32();
            if (index < 0 || index >= count || vectors[index] is not null)
            {
                throw new InvalidOperationException($"embedding index {index} is out of range or repeated for {count} inputs.");
            }

            var embedding = item.GetProperty("embedding");
            vectors[index] = embedding.ValueKind == JsonValueKind.String
                ? MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(embedding.GetString()!)).ToArray()
                : embedding.EnumerateArray().Select(component => component.GetSingle()).ToArray();
        }

        var missing = Array.FindIndex(vectors, vector => vector is null);
        if (missing >= 0)
        {
            throw new InvalidOperationException($"no embedding for input {missing} of {count}.");
        }

        var size = dimensions ?? vectors[0]!.Length;
        if (vectors.FirstOrDefault(vector => vector!.Length != size) is { } odd)
        {
            throw new InvalidOperationException($"embeddings of {size} and {odd.Length} dimensions in one answer.");
        }

        var answeredModel = root.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String
            ? modelElement.GetString()
            : model;
        var embeddings = vectors.Select(vector => new Embedding<float>(vector!) { ModelId = answeredModel }).ToList();
        (long, long)? usage = root.TryGetProperty("usage", out var usageElement) && usageElement.ValueKind == JsonValueKind.Object
            ? (Tokens(usageElement, "prompt_tokens"), Tokens(usageElement, "total_tokens"))
            : null;
        return (embeddings, usage);

        static long Tokens(JsonElement usage, string name) =>
            usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
    }

    /// <summary>OpenAI-style errors are <c>{"error": {"message": …}}</c>; Ollama and llama.cpp also use <c>{"error": "…"}</c>.</summary>
    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): quoted below.
        }

        return ResponseText.Quote(body);
    }

    private string Describe(string model) => $"Embedding endpoint {_url} (model {model})";

    /// <summary>A server may echo the key back in an error; it never goes further than this.</summary>
    private string Scrub(string text) =>
        _options.ApiKey is { Length: > 0 } apiKey ? text.Replace(apiKey, "***", StringComparison.Ordinal) : text;
}
