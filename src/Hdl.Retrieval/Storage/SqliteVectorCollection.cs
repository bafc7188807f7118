using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;

// Microsoft.Data.Sqlite's async methods run synchronously (SQLite has no async IO), so the Task-returning members
// of the VectorData contract do their work inline; the analyzer's advice to await them would change nothing.
#pragma warning disable VSTHRD103

namespace Hdl.Retrieval.Storage;

/// <summary>
/// The embedded vector store: vectors are blobs in the workspace database (`retrieval_vectors`); the first search
/// loads them into one contiguous float array and scans it exactly with SIMD dot products (vectors are stored
/// normalised, so the dot product is the cosine). Exact search over a million 256-float vectors is a few tens of
/// milliseconds on one core, with no approximate index to build or tune. Writes invalidate the loaded array.
/// </summary>
public sealed class SqliteVectorCollection : VectorStoreCollection<string, ChunkVectorRecord>
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private LoadedVectors? _loaded;

    public SqliteVectorCollection(SqliteRetrievalStore store, string name = "retrieval_vectors")
    {
        ArgumentNullException.ThrowIfNull(store);
        _connection = store.Connection;
        Name = name;
    }

    public override string Name { get; }

    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        using var command = Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name");
        command.Parameters.AddWithValue("$name", Name);
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        using var command = Command($"""
            CREATE TABLE IF NOT EXISTS {Name}(id TEXT PRIMARY KEY, path TEXT NOT NULL, granularity TEXT NOT NULL, vector BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS {Name}_path ON {Name}(path);
            """);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        using var command = Command($"DROP TABLE IF EXISTS {Name}");
        command.ExecuteNonQuery();
        Invalidate();
        return Task.CompletedTask;
    }

    public override Task<ChunkVectorRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var command = Command($"SELECT id, path, granularity, vector FROM {Name} WHERE id = $id");
        command.Parameters.AddWithValue("$id", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadRecord(reader) : null);
    }

    public override async IAsyncEnumerable<ChunkVectorRecord> GetAsync(Expression<Func<ChunkVectorRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var predicate = filter.Compile();
        var records = new List<ChunkVectorRecord>();
        using (var command = Command($"SELECT id, path, granularity, vector FROM {Name} ORDER BY rowid"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read() && records.Count < top)
            {
                var record = ReadRecord(reader);
                if (predicate(record))
                {
                    records.Add(record);
                }
            }
        }

        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) => DeleteAsync([key], cancellationToken);

    public override Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var transaction = _connection.BeginTransaction();
        using var command = Command($"DELETE FROM {Name} WHERE id = $id", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var key in keys)
        {
            id.Value = key;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Invalidate();
        return Task.CompletedTask;
    }

    /// <summary>Deletes every vector of a file (what an incremental update does before upserting the file's new chunks).</summary>
    public Task DeleteByPathAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var transaction = _connection.BeginTransaction();
        using var command = Command($"DELETE FROM {Name} WHERE path = $path", transaction);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        foreach (var value in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            path.Value = value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Invalidate();
        return Task.CompletedTask;
    }

    public override Task UpsertAsync(ChunkVectorRecord record, CancellationToken cancellationToken = default) => UpsertAsync([record], cancellationToken);

    public override Task UpsertAsync(IEnumerable<ChunkVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var transaction = _connection.BeginTransaction();
        using var command = Command($"INSERT INTO {Name}(id, path, granularity, vector) VALUES ($id, $path, $granularity, $vector) ON CONFLICT(id) DO UPDATE SET path = excluded.path, granularity = excluded.granularity, vector = excluded.vector", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var granularity = command.Parameters.Add("$granularity", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id.Value = record.Id;
            path.Value = record.Path;
            granularity.Value = record.Granularity;
            vector.Value = MemoryMarshal.AsBytes(record.Vector.Span).ToArray();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Invalidate();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Exact nearest neighbours by cosine similarity. A filter of the form `r => r.Granularity == "block"` (or `Path`)
    /// is applied on the packed arrays; any other filter is evaluated per record.
    /// </summary>
    public override async IAsyncEnumerable<VectorSearchResult<ChunkVectorRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<ChunkVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = searchValue switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            Microsoft.Extensions.AI.Embedding<float> embedding => embedding.Vector,
            _ => throw new NotSupportedException($"The embedded vector store searches with a float vector, not {typeof(TInput).Name}."),
        };
        var loaded = Load();
        var hits = loaded.Search(query.Span, top, MakeFilter(options?.Filter, loaded));
        foreach (var (index, score) in hits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = new ChunkVectorRecord { Id = loaded.Ids[index], Path = loaded.Paths[index], Granularity = loaded.Granularities[index] };
            if (options?.IncludeVectors == true)
            {
                record.Vector = loaded.Vectors.AsMemory(index * loaded.Dimensions, loaded.Dimensions);
            }

            yield return new VectorSearchResult<ChunkVectorRecord>(record, score);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Several searches with one query vector in one scan: each vector's similarity is computed once and offered to
    /// every search whose granularity it has (null: any). Each search keeps its own best-<c>Top</c> queue, fed in the
    /// same order as a search of its own would feed it, so every list equals what <see cref="SearchAsync"/> answers
    /// for that granularity and depth, ties included. A hybrid search needs up to three lists (its granularity, all
    /// granularities for the graph seeds, modules for the unit context); this reads the vectors once instead of three
    /// times.
    /// </summary>
    public ImmutableArray<ImmutableArray<(string Id, double Score)>> SearchGranularities(ReadOnlyMemory<float> query, IReadOnlyList<VectorRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var loaded = Load();
        var lists = loaded.SearchMany(query.Span, requests, cancellationToken);
        return [.. lists.Select(list => list.Select(hit => (loaded.Ids[hit.Index], hit.Score)).ToImmutableArray())];
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>Number of vectors (loads them).</summary>
    public int Count => Load().Count;

    /// <summary>
    /// Reads the vectors into memory now if they are not already. After this a search touches only memory, never the
    /// store's connection, so it may run beside a query on that connection.
    /// </summary>
    public void EnsureLoaded() => Load();

    private static Func<int, bool>? MakeFilter(Expression<Func<ChunkVectorRecord, bool>>? filter, LoadedVectors loaded)
    {
        if (filter is null)
        {
            return null;
        }

        // The common filter, a field compared with a constant, runs on the packed arrays without building records.
        if (filter.Body is BinaryExpression { NodeType: ExpressionType.Equal } equal
            && equal.Left is MemberExpression { Member.Name: var member }
            && Expression.Lambda(equal.Right).Compile().DynamicInvoke() is string value)
        {
            if (member == nameof(ChunkVectorRecord.Granularity))
            {
                return index => string.Equals(loaded.Granularities[index], value, StringComparison.Ordinal);
            }

            if (member == nameof(ChunkVectorRecord.Path))
            {
                return index => string.Equals(loaded.Paths[index], value, StringComparison.Ordinal);
            }
        }

        var predicate = filter.Compile();
        return index => predicate(new ChunkVectorRecord { Id = loaded.Ids[index], Path = loaded.Paths[index], Granularity = loaded.Granularities[index] });
    }

    private LoadedVectors Load()
    {
        lock (_lock)
        {
            if (_loaded is not null)
            {
                return _loaded;
            }

            var ids = new List<string>();
            var paths = new List<string>();
            var granularities = new List<string>();
            var vectors = new List<float>();
            var dimensions = 0;
            using (var command = Command($"SELECT id, path, granularity, vector FROM {Name}"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var bytes = (byte[])reader.GetValue(3);
                    var vector = MemoryMarshal.Cast<byte, float>(bytes);
                    if (dimensions == 0)
                    {
                        dimensions = vector.Length;
                    }

                    if (vector.Length != dimensions)
                    {
                        // A vector of another size comes from another provider; the index re-embeds on a provider change,
                        // so a stray one is skipped rather than corrupting the scan.
                        continue;
                    }

                    ids.Add(reader.GetString(0));
                    paths.Add(string.Intern(reader.GetString(1)));
                    granularities.Add(string.Intern(reader.GetString(2)));
                    foreach (var component in vector)
                    {
                        vectors.Add(component);
                    }
                }
            }

            _loaded = new LoadedVectors([.. ids], [.. paths], [.. granularities], [.. vectors], dimensions);
            return _loaded;
        }
    }

    private void Invalidate()
    {
        lock (_lock)
        {
            _loaded = null;
        }
    }

    private static ChunkVectorRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Path = reader.GetString(1),
        Granularity = reader.GetString(2),
        Vector = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(3)).ToArray(),
    };

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>All vectors packed row after row, with their ids and filter fields in parallel arrays.</summary>
    private sealed record LoadedVectors(string[] Ids, string[] Paths, string[] Granularities, float[] Vectors, int Dimensions)
    {
        public int Count => Ids.Length;

        public List<(int Index, double Score)> Search(ReadOnlySpan<float> query, int top, Func<int, bool>? filter)
        {
            var best = new PriorityQueue<int, (float Score, int Index)>(Math.Max(0, top) + 1, WorstFirst.Instance);
            if (Dimensions == 0 || query.Length != Dimensions || top <= 0)
            {
                return [];
            }

            var all = Vectors.AsSpan();
            for (var index = 0; index < Count; index++)
            {
                if (filter is not null && !filter(index))
                {
                    continue;
                }

                var score = TensorPrimitives.Dot(query, all.Slice(index * Dimensions, Dimensions));
                if (best.Count < top)
                {
                    best.Enqueue(index, (score, index));
                }
                else if (best.TryPeek(out _, out var worst) && score > worst.Score)
                {
                    best.DequeueEnqueue(index, (score, index));
                }
            }

            return Best(Hits(best), top);
        }

        /// <summary>Vectors below which a scan is not split: a thread's start costs more than scanning them.</summary>
        private const int MinPerPartition = 16_384;

        /// <summary>
        /// The best vectors for each request in one pass over the vectors. On a large store the pass is split into one
        /// range per core, each keeping its own best lists, merged at the end: the scan reads every vector (on a
        /// million-line repository, 150,000 chunks of 256 floats, 150 MB) and is the longest step of a hybrid search.
        /// Ties in score go to the lower index, so the answer does not depend on the split.
        /// </summary>
        public List<(int Index, double Score)>[] SearchMany(ReadOnlySpan<float> query, IReadOnlyList<VectorRequest> requests, CancellationToken cancellationToken)
        {
            if (Dimensions == 0 || query.Length != Dimensions)
            {
                return [.. requests.Select(_ => new List<(int, double)>())];
            }

            var wanted = requests.Select(request => request.Granularity is { } granularity ? ChunkVectorRecord.GranularityName(granularity) : null).ToArray();
            var partitions = Math.Clamp(Count / MinPerPartition, 1, Environment.ProcessorCount);
            var ranges = new List<(int Index, double Score)>[partitions][];
            if (partitions == 1)
            {
                ranges[0] = ScanRange(query, requests, wanted, 0, Count, cancellationToken);
            }
            else
            {
                var queryCopy = query.ToArray();
                Parallel.For(0, partitions, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = partitions }, partition =>
                    ranges[partition] = ScanRange(queryCopy, requests, wanted, (int)((long)Count * partition / partitions), (int)((long)Count * (partition + 1) / partitions), cancellationToken));
            }

            return [.. Enumerable.Range(0, requests.Count).Select(request => Best(ranges.SelectMany(range => range[request]), requests[request].Top))];
        }

        private List<(int Index, double Score)>[] ScanRange(
            ReadOnlySpan<float> query, IReadOnlyList<VectorRequest> requests, string?[] wanted, int from, int to, CancellationToken cancellationToken)
        {
            var queues = new PriorityQueue<int, (float Score, int Index)>[requests.Count];
            for (var request = 0; request < requests.Count; request++)
            {
                queues[request] = new PriorityQueue<int, (float, int)>(Math.Max(0, requests[request].Top) + 1, WorstFirst.Instance);
            }

            var all = Vectors.AsSpan();
            for (var index = from; index < to; index++)
            {
                if ((index & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Granularity names are interned when loaded, so a reference comparison settles most of them.
                var granularity = Granularities[index];
                var score = float.NaN;
                for (var request = 0; request < queues.Length; request++)
                {
                    var top = requests[request].Top;
                    if (top <= 0 || (wanted[request] is { } name && !string.Equals(granularity, name, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (float.IsNaN(score))
                    {
                        score = TensorPrimitives.Dot(query, all.Slice(index * Dimensions, Dimensions));
                    }

                    var best = queues[request];
                    if (best.Count < top)
                    {
                        best.Enqueue(index, (score, index));
                    }
                    else if (best.TryPeek(out _, out var worst) && score > worst.Score)
                    {
                        best.DequeueEnqueue(index, (score, index));
                    }
                }
            }

            return [.. queues.Select(Hits)];
        }

        /// <summary>The worst hit first: the lower score, and among equal scores the higher index (kept last).</summary>
        private sealed class WorstFirst : IComparer<(float Score, int Index)>
        {
            public static readonly WorstFirst Instance = new();

            public int Compare((float Score, int Index) x, (float Score, int Index) y)
            {
                var byScore = x.Score.CompareTo(y.Score);
                return byScore != 0 ? byScore : y.Index.CompareTo(x.Index);
            }
        }

        private static List<(int Index, double Score)> Hits(PriorityQueue<int, (float Score, int Index)> queue) =>
            [.. queue.UnorderedItems.Select(item => (item.Element, (double)item.Priority.Score))];

        /// <summary>The best hits, best first; equal scores in index order.</summary>
        private static List<(int Index, double Score)> Best(IEnumerable<(int Index, double Score)> hits, int top) =>
            [.. hits.OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Index).Take(Math.Max(0, top))];
    }
}

/// <summary>One list of a multi-granularity vector search: chunks of <paramref name="Granularity"/> (null: any), best <paramref name="Top"/>.</summary>
public readonly record struct VectorRequest(Hdl.Retrieval.Chunking.Granularity? Granularity, int Top);
