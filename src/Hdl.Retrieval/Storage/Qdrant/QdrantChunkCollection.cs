using System.Buffers;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Hdl.Retrieval.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Hdl.Retrieval.Storage.Qdrant;

/// <summary>
/// The chunk vectors of a workspace in a Qdrant collection, spoken to over Qdrant's REST API (v1.10 or later: search
/// uses the Query API, <c>POST /collections/{name}/points/query</c>).
/// </summary>
/// <remarks>
/// It derives from <see cref="VectorStoreCollection{TKey, TRecord}"/> for the one record type every vector store here
/// holds, <see cref="ChunkVectorRecord"/>, mapped by hand to the payload (chunk_id, file, granularity): a generic
/// record mapper would buy nothing for a store of one kind of record. Keys are chunk ids; the
/// point id is <see cref="QdrantPayload.PointId"/> of the key. Writes wait for Qdrant to apply them
/// (<c>wait=true</c>), so a search right after an update sees it.
/// </remarks>
public sealed class QdrantChunkCollection : VectorStoreCollection<string, ChunkVectorRecord>
{
    private const string SystemName = "qdrant";

    /// <summary>Payload fields that filtered searches and deletes use; indexed so a filter does not scan.</summary>
    private static readonly ImmutableArray<string> IndexedFields = [QdrantPayload.File, QdrantPayload.Granularity, QdrantPayload.ChunkId];

    private readonly QdrantOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddingGenerator;
    private readonly HttpClient _http;
    private readonly string _collectionPath;

    /// <param name="options">Server, collection and vector layout.</param>
    /// <param name="embeddingGenerator">Optional: lets <see cref="SearchAsync{TInput}"/> take a query string.</param>
    /// <param name="transport">The HTTP handler underneath the retry policy; null for a new <see cref="SocketsHttpHandler"/>.</param>
    public QdrantChunkCollection(
        QdrantOptions options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null,
        HttpMessageHandler? transport = null)
        : this(options, embeddingGenerator, transport, delay: null)
    {
    }

    internal QdrantChunkCollection(
        QdrantOptions options,
        IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator,
        HttpMessageHandler? transport,
        Func<TimeSpan, CancellationToken, Task>? delay)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CollectionName);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.VectorSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.UpsertBatchSize, 1);
        _options = options;
        _embeddingGenerator = embeddingGenerator;
        // The retry handler enforces a timeout per attempt; the client's own timeout would cut retries short.
        _http = new HttpClient(new RetryingHttpHandler(options.Retry, transport ?? new SocketsHttpHandler(), delay))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _collectionPath = "collections/" + Uri.EscapeDataString(options.CollectionName);
    }

    public override string Name => _options.CollectionName;

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, _collectionPath + "/exists", null, "CollectionExists", cancellationToken).ConfigureAwait(false);
        return Result(response, "CollectionExists").GetProperty("exists").GetBoolean();
    }

    /// <summary>
    /// Creates the collection with the configured size and distance and indexes the filtered payload fields; if it
    /// exists already, checks that its vectors have that size and distance, because vectors of another embedding
    /// provider cannot be searched with this one's queries.
    /// </summary>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (await CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await CheckVectorLayoutAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using (var created = await SendAsync(HttpMethod.Put, _collectionPath, writer =>
        {
            writer.WriteStartObject("vectors");
            writer.WriteNumber("size", _options.VectorSize);
            writer.WriteString("distance", _options.Distance);
            writer.WriteEndObject();
        }, "CreateCollection", cancellationToken, tolerated: HttpStatusCode.Conflict).ConfigureAwait(false))
        {
            // 409: another indexer created it between our check and our request; the layout check below still runs.
            if (created.Status == HttpStatusCode.Conflict)
            {
                await CheckVectorLayoutAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var field in IndexedFields)
        {
            using var indexed = await SendAsync(HttpMethod.Put, _collectionPath + "/index?wait=true", writer =>
            {
                writer.WriteString("field_name", field);
                writer.WriteString("field_schema", "keyword");
            }, "CreatePayloadIndex", cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, _collectionPath, null, "DeleteCollection", cancellationToken, tolerated: HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    public override async Task<ChunkVectorRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var record in GetAsync([key], options, cancellationToken).ConfigureAwait(false))
        {
            return record;
        }

        return null;
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(
        IEnumerable<string> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pointIds = keys.Select(QdrantPayload.PointId).ToList();
        if (pointIds.Count == 0)
        {
            yield break;
        }

        using var response = await SendAsync(HttpMethod.Post, _collectionPath + "/points", writer =>
        {
            WritePointIds(writer, pointIds);
            writer.WriteBoolean("with_payload", true);
            writer.WriteBoolean("with_vector", options?.IncludeVectors ?? false);
        }, "Get", cancellationToken).ConfigureAwait(false);
        foreach (var point in Result(response, "Get").EnumerateArray())
        {
            yield return ReadRecord(point);
        }
    }

    /// <summary>Records matching a payload filter, in Qdrant's id order (ordering by a field is not supported).</summary>
    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(
        Expression<Func<ChunkVectorRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ChunkVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("QdrantChunkCollection does not order filtered reads; Qdrant needs a range index per ordered field.");
        }

        var payloadFilter = QdrantFilterTranslator.Translate(filter);
        var skip = options?.Skip ?? 0;
        var withVector = options?.IncludeVectors ?? false;
        // Scroll pages by an opaque offset; Skip is applied by reading past the first records.
        var wanted = skip + top;
        var seen = 0;
        JsonElement? offset = null;
        while (seen < wanted)
        {
            using var response = await SendAsync(HttpMethod.Post, _collectionPath + "/points/scroll", writer =>
            {
                writer.WritePropertyName("filter");
                payloadFilter.Write(writer);
                writer.WriteNumber("limit", Math.Min(wanted - seen, 1000));
                writer.WriteBoolean("with_payload", true);
                writer.WriteBoolean("with_vector", withVector);
                if (offset is { } next)
                {
                    writer.WritePropertyName("offset");
                    next.WriteTo(writer);
                }
            }, "Get", cancellationToken).ConfigureAwait(false);
            var result = Result(response, "Get");
            foreach (var point in result.GetProperty("points").EnumerateArray())
            {
                if (seen++ >= skip && seen <= wanted)
                {
                    yield return ReadRecord(point);
                }
            }

            if (!result.TryGetProperty("next_page_offset", out var nextOffset) || nextOffset.ValueKind == JsonValueKind.Null)
            {
                yield break;
            }

            offset = nextOffset.Clone();
        }
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pointIds = keys.Select(QdrantPayload.PointId).ToList();
        if (pointIds.Count == 0)
        {
            return;
        }

        using var response = await SendAsync(HttpMethod.Post, _collectionPath + "/points/delete?wait=true",
            writer => WritePointIds(writer, pointIds, "points"), "Delete", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every point whose payload matches <paramref name="filter"/>.</summary>
    public async Task DeleteAsync(QdrantFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var response = await SendAsync(HttpMethod.Post, _collectionPath + "/points/delete?wait=true", writer =>
        {
            writer.WritePropertyName("filter");
            filter.Write(writer);
        }, "Delete", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the points of one file: the first step of re-indexing an edited or removed file.</summary>
    public Task DeleteFileAsync(string file, CancellationToken cancellationToken = default) =>
        DeleteAsync(QdrantFilter.FieldEquals(QdrantPayload.File, file), cancellationToken);

    public override async Task UpsertAsync(ChunkVectorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await UpsertAsync([record], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the records in batches of <see cref="QdrantOptions.UpsertBatchSize"/>.</summary>
    public override async Task UpsertAsync(IEnumerable<ChunkVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var batch in records.Chunk(_options.UpsertBatchSize))
        {
            foreach (var record in batch)
            {
                if (record.Vector.Length != _options.VectorSize)
                {
                    throw Error("Upsert", $"chunk '{record.Id}' has a vector of {record.Vector.Length} dimensions; the collection holds {_options.VectorSize}.");
                }
            }

            using var response = await SendAsync(HttpMethod.Put, _collectionPath + "/points?wait=true", writer =>
            {
                writer.WriteStartArray("points");
                foreach (var record in batch)
                {
                    WritePoint(writer, record);
                }

                writer.WriteEndArray();
            }, "Upsert", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Nearest chunks by the collection's distance. <typeparamref name="TInput"/> is a vector
    /// (<c>ReadOnlyMemory&lt;float&gt;</c>, <c>float[]</c>, <see cref="Embedding{T}"/>) or, when the collection was given
    /// an embedding generator, the query text. The score is Qdrant's: cosine similarity for Cosine, higher is closer.
    /// </summary>
    public override async IAsyncEnumerable<VectorSearchResult<ChunkVectorRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<ChunkVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var vector = await QueryVectorAsync(searchValue, cancellationToken).ConfigureAwait(false);
        if (vector.Length != _options.VectorSize)
        {
            throw Error("Search", $"the query vector has {vector.Length} dimensions; the collection holds {_options.VectorSize}.");
        }

        var filter = options?.Filter is { } expression ? QdrantFilterTranslator.Translate(expression) : null;
        using var response = await SendAsync(HttpMethod.Post, _collectionPath + "/points/query", writer =>
        {
            WriteVector(writer, "query", vector.Span);
            writer.WriteNumber("limit", top);
            if (options?.Skip is > 0 and var skip)
            {
                writer.WriteNumber("offset", skip);
            }

            if (filter is not null)
            {
                writer.WritePropertyName("filter");
                filter.Write(writer);
            }

            writer.WriteBoolean("with_payload", true);
            writer.WriteBoolean("with_vector", options?.IncludeVectors ?? false);
            if (options?.ScoreThreshold is { } threshold)
            {
                writer.WriteNumber("score_threshold", threshold);
            }
        }, "Search", cancellationToken).ConfigureAwait(false);
        foreach (var point in Result(response, "Search").GetProperty("points").EnumerateArray())
        {
            yield return new VectorSearchResult<ChunkVectorRecord>(ReadRecord(point), point.GetProperty("score").GetDouble());
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(VectorStoreCollectionMetadata))
        {
            return new VectorStoreCollectionMetadata { VectorStoreSystemName = SystemName, CollectionName = Name };
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task CheckVectorLayoutAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, _collectionPath, null, "GetCollection", cancellationToken).ConfigureAwait(false);
        var result = Result(response, "GetCollection");
        if (!result.TryGetProperty("config", out var config) || !config.TryGetProperty("params", out var parameters)
            || !parameters.TryGetProperty("vectors", out var vectors) || !vectors.TryGetProperty("size", out var size))
        {
            throw Error("EnsureCollectionExists", "the collection has no single unnamed vector (config.params.vectors.size); it was not created by hdl.");
        }

        var distance = vectors.TryGetProperty("distance", out var distanceElement) ? distanceElement.GetString() : null;
        if (size.GetInt32() != _options.VectorSize || !string.Equals(distance, _options.Distance, StringComparison.OrdinalIgnoreCase))
        {
            throw Error("EnsureCollectionExists",
                $"the collection holds {size.GetInt32()}-dimensional vectors with {distance} distance, but the embedding provider needs " +
                $"{_options.VectorSize} with {_options.Distance}; delete the collection or choose another collection name to re-embed.");
        }
    }

    private async Task<ReadOnlyMemory<float>> QueryVectorAsync<TInput>(TInput searchValue, CancellationToken cancellationToken)
    {
        switch (searchValue)
        {
            case ReadOnlyMemory<float> memory:
                return memory;
            case float[] array:
                return array;
            case Embedding<float> embedding:
                return embedding.Vector;
            case string text when _embeddingGenerator is not null:
                var embeddings = await _embeddingGenerator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
                return embeddings[0].Vector;
            case string:
                throw new NotSupportedException("Searching Qdrant by text needs an embedding generator; pass one to the QdrantChunkCollection constructor.");
            default:
                throw new NotSupportedException(
                    $"Qdrant search takes ReadOnlyMemory<float>, float[], Embedding<float> or string, not {searchValue?.GetType().Name ?? "null"}.");
        }
    }

    private static void WritePoint(Utf8JsonWriter writer, ChunkVectorRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", QdrantPayload.PointId(record.Id));
        WriteVector(writer, "vector", record.Vector.Span);
        writer.WriteStartObject("payload");
        writer.WriteString(QdrantPayload.ChunkId, record.Id);
        writer.WriteString(QdrantPayload.File, record.Path);
        writer.WriteString(QdrantPayload.Granularity, record.Granularity);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter writer, string name, ReadOnlySpan<float> vector)
    {
        writer.WriteStartArray(name);
        foreach (var component in vector)
        {
            writer.WriteNumberValue(component);
        }

        writer.WriteEndArray();
    }

    private static void WritePointIds(Utf8JsonWriter writer, List<Guid> pointIds, string name = "ids")
    {
        writer.WriteStartArray(name);
        foreach (var pointId in pointIds)
        {
            writer.WriteStringValue(pointId);
        }

        writer.WriteEndArray();
    }

    private ChunkVectorRecord ReadRecord(JsonElement point)
    {
        if (!point.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty(QdrantPayload.ChunkId, out var chunkId) || chunkId.ValueKind != JsonValueKind.String)
        {
            var id = point.TryGetProperty("id", out var idElement) ? idElement.ToString() : "?";
            throw Error("Read", $"point {id} has no '{QdrantPayload.ChunkId}' in its payload; it was not written by hdl.");
        }

        float[] vector = [];
        if (point.TryGetProperty("vector", out var vectorElement) && vectorElement.ValueKind == JsonValueKind.Array)
        {
            vector = new float[vectorElement.GetArrayLength()];
            var index = 0;
            foreach (var component in vectorElement.EnumerateArray())
            {
                vector[index++] = component.GetSingle();
            }
        }

        return new ChunkVectorRecord
        {
            Id = chunkId.GetString()!,
            Path = String(payload, QdrantPayload.File),
            Granularity = String(payload, QdrantPayload.Granularity),
            Vector = vector,
        };

        static string String(JsonElement payload, string key) =>
            payload.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
    }

    private JsonElement Result(QdrantResponse response, string operation) =>
        response.Body?.RootElement.TryGetProperty("result", out var result) == true
            ? result
            : throw Error(operation, $"Qdrant answered HTTP {(int)response.Status} without a 'result'.");

    /// <summary>
    /// Sends one request and returns the parsed body of a 2xx answer (or of a <paramref name="tolerated"/> status).
    /// Any other outcome is a <see cref="VectorStoreException"/> naming the operation, collection, status and Qdrant's
    /// own error text (<c>status.error</c>).
    /// </summary>
    private async Task<QdrantResponse> SendAsync(
        HttpMethod method,
        string path,
        Action<Utf8JsonWriter>? writeBody,
        string operation,
        CancellationToken cancellationToken,
        HttpStatusCode? tolerated = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_options.Endpoint.ToString().TrimEnd('/') + "/" + path));
        if (_options.ApiKey is { Length: > 0 } apiKey)
        {
            request.Headers.TryAddWithoutValidation("api-key", apiKey);
        }

        if (writeBody is not null)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeBody(writer);
                writer.WriteEndObject();
            }

            request.Content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            throw Error(operation, $"no answer from {_options.Endpoint}: {exception.Message}", exception);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var body = TryParse(text);
            if (response.IsSuccessStatusCode || response.StatusCode == tolerated)
            {
                return new QdrantResponse(response.StatusCode, body);
            }

            body?.Dispose();
            throw Error(operation, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorText(text)}");
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Qdrant reports failures as <c>{"status": {"error": "…"}}</c>; other bodies (a proxy's page) are quoted, shortened.</summary>
    internal static string ErrorText(string body)
    {
        using var document = TryParse(body);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            return error.GetString()!;
        }

        return ResponseText.Quote(body);
    }

    private VectorStoreException Error(string operation, string detail, Exception? inner = null) =>
        new($"Qdrant {operation} on collection '{Name}' failed: {detail}", inner)
        {
            VectorStoreSystemName = SystemName,
            CollectionName = Name,
            OperationName = operation,
        };

    private readonly record struct QdrantResponse(HttpStatusCode Status, JsonDocument? Body) : IDisposable
    {
        public void Dispose() => Body?.Dispose();
    }
}
