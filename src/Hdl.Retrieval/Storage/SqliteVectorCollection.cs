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
/// loads them into one contiguous float array and an 8-bit copy (<see cref="QuantizedVectors"/>), scans the copy with
/// SIMD integer dot products and re-scores the best candidates in float (vectors are stored normalised, so the dot
/// product is the cosine). The answer is the exact float ranking, with no approximate index to build or tune; the scan
/// reads a quarter of the bytes. Writes invalidate the loaded arrays.
/// </summary>
public sealed class SqliteVectorCollection : VectorStoreCollection<string, ChunkVectorRecord>
{
    private readonly SqliteConnection _connection;
    private readonly VectorScanOptions _scanOptions;
    private readonly Lock _lock = new();
    private LoadedVectors? _loaded;
    private long _quantizedFallbacks;
    private long _quantizedLists;

    public SqliteVectorCollection(SqliteRetrievalStore store, string name = "retrieval_vectors", VectorScanOptions? scanOptions = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _connection = store.Connection;
        Name = name;
        _scanOptions = scanOptions ?? new VectorScanOptions();
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
        var lists = loaded.SearchMany(query.Span, requests, out var fallbacks, cancellationToken);
        if (loaded.Quantized is not null)
        {
            Interlocked.Add(ref _quantizedLists, requests.Count);
        }

        Interlocked.Add(ref _quantizedFallbacks, fallbacks);
        return [.. lists.Select(list => list.Select(hit => (loaded.Ids[hit.Index], hit.Score)).ToImmutableArray())];
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>Lists of <see cref="SearchGranularities"/> whose 8-bit scan left near-ties open and took a second pass to be exact.</summary>
    public long QuantizedFallbacks => Interlocked.Read(ref _quantizedFallbacks);

    /// <summary>Lists of <see cref="SearchGranularities"/> served by the 8-bit scan.</summary>
    public long QuantizedLists => Interlocked.Read(ref _quantizedLists);

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

            // Counted first so the packed array is allocated once at its size: growing a list of 40M floats and copying
            // it out held two to three times the final 158 MB at the peak of a cold index.
            int capacity;
            using (var count = Command($"SELECT count(*) FROM {Name}"))
            {
                capacity = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            var ids = new List<string>(capacity);
            var paths = new List<string>(capacity);
            var granularities = new List<string>(capacity);
            float[] vectors = [];
            var dimensions = 0;
            using (var command = Command($"SELECT id, path, granularity, vector FROM {Name}"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var bytes = (byte[])reader.GetValue(3);
                    var vector = MemoryMarshal.Cast<byte, float>(bytes);
                    if (dimensions == 0 && vector.Length > 0)
                    {
                        dimensions = vector.Length;
                        vectors = new float[(long)capacity * dimensions];
                    }

                    if (vector.Length != dimensions || ids.Count >= capacity)
                    {
                        // A vector of another size comes from another provider; the index re-embeds on a provider change,
                        // so a stray one is skipped rather than corrupting the scan.
                        continue;
                    }

                    vector.CopyTo(vectors.AsSpan(ids.Count * dimensions, dimensions));
                    ids.Add(reader.GetString(0));
                    paths.Add(string.Intern(reader.GetString(1)));
                    granularities.Add(string.Intern(reader.GetString(2)));
                }
            }

            if (vectors.Length != (long)ids.Count * dimensions)
            {
                Array.Resize(ref vectors, ids.Count * dimensions);
            }

            var quantized = _scanOptions.Quantize && dimensions > 0 ? QuantizedVectors.Create(vectors, ids.Count, dimensions) : null;
            _loaded = new LoadedVectors([.. ids], [.. paths], [.. granularities], vectors, dimensions, quantized, _scanOptions);
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

    /// <summary>
    /// All vectors packed row after row, with their ids and filter fields in parallel arrays, and (unless turned off or
    /// a vector is not finite) their 8-bit copy for the scan.
    /// </summary>
    private sealed record LoadedVectors(
        string[] Ids, string[] Paths, string[] Granularities, float[] Vectors, int Dimensions, QuantizedVectors? Quantized, VectorScanOptions Options)
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

        /// <summary>
        /// The best vectors for each request in one pass over the vectors. On a large store the pass is split into one
        /// range per core, each keeping its own best lists, merged at the end: the scan reads every vector (on a
        /// million-line repository, 150,000 chunks of 256 floats, 150 MB) and is the longest step of a hybrid search.
        /// With the 8-bit copy, the pass reads that instead (a quarter of the bytes) and keeps a few times more
        /// candidates than asked, which are then scored in float; the lists are the exact ones (see
        /// <see cref="SearchQuantized"/>). Ties in score go to the lower index, so the answer does not depend on the
        /// split. <paramref name="fallbacks"/> counts the lists that needed a second pass to be exact.
        /// </summary>
        public List<(int Index, double Score)>[] SearchMany(ReadOnlySpan<float> query, IReadOnlyList<VectorRequest> requests, out int fallbacks, CancellationToken cancellationToken)
        {
            fallbacks = 0;
            if (Dimensions == 0 || query.Length != Dimensions)
            {
                return [.. requests.Select(_ => new List<(int, double)>())];
            }

            var wanted = requests.Select(request => request.Granularity is { } granularity ? ChunkVectorRecord.GranularityName(granularity) : null).ToArray();
            var queryCopy = query.ToArray();
            if (Quantized?.Prepare(query) is { Valid: true } prepared)
            {
                return SearchQuantized(queryCopy, prepared, requests, wanted, out fallbacks, cancellationToken);
            }

            var depths = requests.Select(request => request.Top).ToArray();
            var ranges = Partitioned((from, to) => ScanRange(index => TensorPrimitives.Dot(queryCopy, Vectors.AsSpan(index * Dimensions, Dimensions)), wanted, depths, from, to, cancellationToken), cancellationToken);
            return [.. Enumerable.Range(0, requests.Count).Select(request => Best(ranges.SelectMany(range => Hits(range[request])), depths[request]))];
        }

        /// <summary>
        /// The 8-bit scan with exact re-scoring. Each range keeps, per request, the <c>k′</c> best by approximate score
        /// (k′ = depth × <see cref="VectorScanOptions.CandidateFactor"/>, at least <see cref="VectorScanOptions.MinCandidates"/>);
        /// those are scored in float and ranked. A vector left out scored at most the worst kept approximate score of
        /// its range, so its float score is at most that plus the error bound E. When that is below the list's last
        /// float score, nothing left out can enter the list or tie with its last entry, and the list is exact. Otherwise
        /// (near-ties over more than k′ vectors) a second 8-bit pass scores in float every vector whose approximate
        /// score is within E of that last score, which contains every vector that belongs in the list.
        /// </summary>
        private List<(int Index, double Score)>[] SearchQuantized(
            float[] query, QuantizedQuery prepared, IReadOnlyList<VectorRequest> requests, string?[] wanted, out int fallbacks, CancellationToken cancellationToken)
        {
            var quantized = Quantized!;
            var depths = requests.Select(request => Math.Max(0, request.Top)).ToArray();
            var kept = depths.Select(depth => depth == 0 ? 0 : Math.Max(depth, Math.Max(depth * Options.CandidateFactor, Options.MinCandidates))).ToArray();
            var ranges = Partitioned((from, to) => ScanRange(index => quantized.Approximate(prepared, index), wanted, kept, from, to, cancellationToken), cancellationToken);
            fallbacks = 0;
            var lists = new List<(int Index, double Score)>[requests.Count];
            for (var request = 0; request < requests.Count; request++)
            {
                var queues = ranges.Select(range => range[request]).ToList();
                var candidates = queues.SelectMany(queue => queue.UnorderedItems.Select(item => item.Element)).ToList();

                // A range whose queue did not fill kept every vector it has; one that did left out none above its head.
                var leftOutAtMost = queues.Where(queue => kept[request] > 0 && queue.Count == kept[request])
                    .Select(queue => queue.TryPeek(out _, out var worst) ? (double)worst.Score : double.NegativeInfinity)
                    .DefaultIfEmpty(double.NegativeInfinity).Max();
                var best = Best(candidates.Select(index => (index, Exact(query, index))), depths[request]);
                var exact = double.IsNegativeInfinity(leftOutAtMost)
                    || (best.Count == depths[request] && leftOutAtMost + prepared.ErrorBound < best[^1].Score);
                if (!exact)
                {
                    fallbacks++;
                    var threshold = best.Count == depths[request] ? best[^1].Score - prepared.ErrorBound : double.NegativeInfinity;
                    var name = wanted[request];
                    var band = Partitioned((from, to) => ScanBand(quantized, prepared, name, threshold, from, to, cancellationToken), cancellationToken);
                    var seen = candidates.ToHashSet();
                    candidates.AddRange(band.SelectMany(indexes => indexes).Where(seen.Add));
                    best = Best(candidates.Select(index => (index, Exact(query, index))), depths[request]);
                }

                lists[request] = best;
            }

            return lists;
        }

        /// <summary>The float score the store ranks by: the same dot product an unquantized scan computes.</summary>
        private double Exact(float[] query, int index) => TensorPrimitives.Dot(query, Vectors.AsSpan(index * Dimensions, Dimensions));

        /// <summary>Runs <paramref name="scan"/> over the vectors: one range, or one per core on a large store.</summary>
        private T[] Partitioned<T>(Func<int, int, T> scan, CancellationToken cancellationToken)
        {
            var partitions = Math.Clamp(Count / Math.Max(1, Options.MinVectorsPerThread), 1, Environment.ProcessorCount);
            var results = new T[partitions];
            if (partitions == 1)
            {
                results[0] = scan(0, Count);
                return results;
            }

            Parallel.For(0, partitions, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = partitions }, partition =>
                results[partition] = scan((int)((long)Count * partition / partitions), (int)((long)Count * (partition + 1) / partitions)));
            return results;
        }

        /// <summary>The vectors of the range (of one granularity, or any) whose approximate score is at least <paramref name="threshold"/>.</summary>
        private List<int> ScanBand(QuantizedVectors quantized, QuantizedQuery query, string? wanted, double threshold, int from, int to, CancellationToken cancellationToken)
        {
            var band = new List<int>();
            for (var index = from; index < to; index++)
            {
                if ((index & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if ((wanted is null || string.Equals(Granularities[index], wanted, StringComparison.Ordinal)) && quantized.Approximate(query, index) >= threshold)
                {
                    band.Add(index);
                }
            }

            return band;
        }

        /// <summary>
        /// Per request, the best <paramref name="kept"/> vectors of the range by <paramref name="score"/> (computed once per
        /// vector, only for vectors some request wants), in bounded queues whose head is the worst kept.
        /// </summary>
        private PriorityQueue<int, (float Score, int Index)>[] ScanRange(
            Func<int, float> score, string?[] wanted, int[] kept, int from, int to, CancellationToken cancellationToken)
        {
            var queues = kept.Select(count => new PriorityQueue<int, (float Score, int Index)>(Math.Max(0, count) + 1, WorstFirst.Instance)).ToArray();
            for (var index = from; index < to; index++)
            {
                if ((index & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Granularity names are interned when loaded, so a reference comparison settles most of them.
                var granularity = Granularities[index];
                var value = float.NaN;
                for (var request = 0; request < queues.Length; request++)
                {
                    var top = kept[request];
                    if (top <= 0 || (wanted[request] is { } name && !string.Equals(granularity, name, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (float.IsNaN(value))
                    {
                        value = score(index);
                    }

                    var best = queues[request];
                    if (best.Count < top)
                    {
                        best.Enqueue(index, (value, index));
                    }
                    else if (best.TryPeek(out _, out var worst) && value > worst.Score)
                    {
                        best.DequeueEnqueue(index, (value, index));
                    }
                }
            }

            return queues;
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
