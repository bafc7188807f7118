using System.Collections.Immutable;
using System.Globalization;
using Hdl.Retrieval.Chunking;
using Microsoft.Data.Sqlite;

namespace Hdl.Retrieval.Storage;

/// <summary>A chunk as stored: its row id (stable while the chunk lives) and what search shows about it.</summary>
public sealed record StoredChunk(
    long RowId,
    string Id,
    string Path,
    ChunkKind Kind,
    string Unit,
    string Name,
    int StartLine,
    int EndLine,
    string Context,
    string Snippet,
    bool IgnoreCase)
{
    public Granularity Granularity => Chunk.GranularityOf(Kind);
}

/// <summary>A chunk's analysed fields as indexed for BM25 (space-separated terms).</summary>
public sealed record IndexedFields(string Names, string Comments, string Body);

/// <summary>An edge between two chunks, derived from the repository graph.</summary>
public sealed record ChunkEdge(string Source, string Target, ChunkEdgeKind Kind, string SourcePath, string TargetPath);

/// <summary>What connects two chunks.</summary>
public enum ChunkEdgeKind
{
    /// <summary>A unit and a block, signal or port inside it.</summary>
    Contains,

    /// <summary>A unit and a unit it instantiates.</summary>
    Instantiates,

    /// <summary>A unit and a package it uses.</summary>
    Imports,

    /// <summary>A block and a signal it writes.</summary>
    Drives,

    /// <summary>A block and a signal it reads.</summary>
    Reads,

    /// <summary>A signal and the port of a child instance it is connected to.</summary>
    Connects,
}

/// <summary>BM25 field weights and the query shape.</summary>
public sealed record LexicalOptions
{
    public static readonly LexicalOptions Default = new();

    /// <summary>Identifiers and names matter most, then what the comments say, then the code around them.</summary>
    public double NameWeight { get; init; } = 4.0;

    public double CommentWeight { get; init; } = 2.0;

    public double BodyWeight { get; init; } = 1.0;

    /// <summary>Query terms used at most (the rest of a long query adds little and costs time).</summary>
    public int MaxQueryTerms { get; init; } = 16;

    /// <summary>
    /// Whether a signal search also matches the query's words against the signals' role words
    /// (<see cref="Chunking.SignalRoleOptions.TermPrefix"/>); the role copies come after the query's own terms, within
    /// <see cref="MaxQueryTerms"/>.
    /// </summary>
    public bool RoleTerms { get; init; } = true;
}

/// <summary>One list of a multi-granularity BM25 search: chunks of <paramref name="Granularity"/> (null: any), best <paramref name="Top"/>.</summary>
public readonly record struct LexicalRequest(Granularity? Granularity, int Top);

/// <summary>
/// The retrieval tables of the workspace database (`.hdl/index.db`, prefix `retrieval_`): files with their hashes,
/// chunks, each chunk's term counts (`retrieval_terms`, read into the in-memory BM25 index <see cref="LexicalIndex"/>),
/// chunk graph edges and metadata. Vectors live in <see cref="SqliteVectorCollection"/> on the same file. Every write
/// is one transaction.
/// </summary>
public sealed class SqliteRetrievalStore : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _cacheLock = new();
    private long _cachedDataVersion = -1;
    private EdgeAdjacency? _adjacency;
    private LexicalIndex? _lexical;
    private TimeSpan _lexicalLoadTime;

    private SqliteRetrievalStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating when needed) the database at <paramref name="databasePath"/>; `:memory:` for tests.</summary>
    public static SqliteRetrievalStore Open(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        if (databasePath != ":memory:")
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var connection = SqliteDatabase.Open(databasePath);
        var store = new SqliteRetrievalStore(connection, databasePath);
        store.CreateSchema();
        return store;
    }

    internal SqliteConnection Connection => _connection;

    public void Dispose() => _connection.Dispose();

    private void CreateSchema()
    {
        Execute($"""
            CREATE TABLE IF NOT EXISTS retrieval_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS retrieval_files(path TEXT PRIMARY KEY, hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS retrieval_chunks(
                rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL, kind INTEGER NOT NULL,
                granularity INTEGER NOT NULL, unit TEXT NOT NULL, name TEXT NOT NULL, start_line INTEGER NOT NULL,
                end_line INTEGER NOT NULL, context TEXT NOT NULL, snippet TEXT NOT NULL, ignore_case INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS retrieval_chunks_path ON retrieval_chunks(path);
            CREATE INDEX IF NOT EXISTS retrieval_chunks_unit ON retrieval_chunks(unit COLLATE NOCASE, granularity);
            DROP TABLE IF EXISTS retrieval_fts;
            CREATE TABLE IF NOT EXISTS retrieval_terms(rowid INTEGER PRIMARY KEY, granularity INTEGER NOT NULL, data BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS retrieval_edges(
                source TEXT NOT NULL, target TEXT NOT NULL, kind INTEGER NOT NULL, source_path TEXT NOT NULL, target_path TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS retrieval_edges_source ON retrieval_edges(source);
            CREATE INDEX IF NOT EXISTS retrieval_edges_target ON retrieval_edges(target);
            CREATE INDEX IF NOT EXISTS retrieval_edges_source_path ON retrieval_edges(source_path);
            CREATE INDEX IF NOT EXISTS retrieval_edges_target_path ON retrieval_edges(target_path);
            CREATE TABLE IF NOT EXISTS retrieval_models(name TEXT PRIMARY KEY, identity TEXT NOT NULL, data BLOB NOT NULL);
            INSERT OR IGNORE INTO retrieval_meta(key, value) VALUES ('schema', '{SchemaVersion.ToString(CultureInfo.InvariantCulture)}');
            """);
    }

    public string? GetMeta(string key)
    {
        using var command = Command("SELECT value FROM retrieval_meta WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var command = Command("INSERT INTO retrieval_meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Stores a model learned from the repository (the latent part of the built-in embedding) under its recipe's identity.</summary>
    public void SaveModel(string name, string identity, byte[] data)
    {
        using var command = Command("INSERT INTO retrieval_models(name, identity, data) VALUES ($name, $identity, $data) ON CONFLICT(name) DO UPDATE SET identity = excluded.identity, data = excluded.data");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$identity", identity);
        command.Parameters.AddWithValue("$data", data);
        command.ExecuteNonQuery();
    }

    /// <summary>The stored model of that name, when it was made by the same recipe; null otherwise.</summary>
    public byte[]? LoadModel(string name, string identity)
    {
        using var command = Command("SELECT data FROM retrieval_models WHERE name = $name AND identity = $identity");
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$identity", identity);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Hash of every indexed file, by path.</summary>
    public ImmutableDictionary<string, string> FileHashes()
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        using var command = Command("SELECT path, hash FROM retrieval_files");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result.ToImmutable();
    }

    public int ChunkCount()
    {
        using var command = Command("SELECT count(*) FROM retrieval_chunks");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Replaces everything stored for the given files (chunks, their terms, edges touching them) in one transaction;
    /// other files' rows are not touched. A file with a null hash is removed.
    /// </summary>
    public void ReplaceFiles(IReadOnlyList<FileChunks> files, IReadOnlyList<ChunkEdge> edges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(edges);

        // With the BM25 index in memory, the rows this write drops and adds are collected to patch it afterwards.
        LexicalIndex? loadedLexical;
        lock (_cacheLock)
        {
            loadedLexical = _lexical;
        }

        var removedRows = new HashSet<long>();
        var addedRows = new List<(long RowId, Granularity Granularity, byte[] Data)>();
        using var transaction = _connection.BeginTransaction();
        using var rowsOfPath = Command("SELECT rowid FROM retrieval_chunks WHERE path = $path", transaction);
        var rowsOfPathPath = rowsOfPath.Parameters.Add("$path", SqliteType.Text);
        using var deleteTerms = Command("DELETE FROM retrieval_terms WHERE rowid IN (SELECT rowid FROM retrieval_chunks WHERE path = $path)", transaction);
        var deleteTermsPath = deleteTerms.Parameters.Add("$path", SqliteType.Text);
        using var deleteChunks = Command("DELETE FROM retrieval_chunks WHERE path = $path", transaction);
        var deleteChunksPath = deleteChunks.Parameters.Add("$path", SqliteType.Text);
        using var deleteEdges = Command("DELETE FROM retrieval_edges WHERE source_path = $path OR target_path = $path", transaction);
        var deleteEdgesPath = deleteEdges.Parameters.Add("$path", SqliteType.Text);
        using var deleteFile = Command("DELETE FROM retrieval_files WHERE path = $path", transaction);
        var deleteFilePath = deleteFile.Parameters.Add("$path", SqliteType.Text);
        using var insertFile = Command("INSERT INTO retrieval_files(path, hash) VALUES ($path, $hash)", transaction);
        var insertFilePath = insertFile.Parameters.Add("$path", SqliteType.Text);
        var insertFileHash = insertFile.Parameters.Add("$hash", SqliteType.Text);
        using var insertChunk = Command("""
            INSERT INTO retrieval_chunks(id, path, kind, granularity, unit, name, start_line, end_line, context, snippet, ignore_case)
            VALUES ($id, $path, $kind, $granularity, $unit, $name, $start, $end, $context, $snippet, $ignoreCase) RETURNING rowid
            """, transaction);
        var chunkParameters = new[] { "$id", "$path", "$kind", "$granularity", "$unit", "$name", "$start", "$end", "$context", "$snippet", "$ignoreCase" }
            .Select(name => insertChunk.Parameters.Add(name, SqliteType.Text)).ToArray();
        using var insertTerms = Command("INSERT INTO retrieval_terms(rowid, granularity, data) VALUES ($rowid, $granularity, $data)", transaction);
        var termsRowId = insertTerms.Parameters.Add("$rowid", SqliteType.Integer);
        var termsGranularity = insertTerms.Parameters.Add("$granularity", SqliteType.Integer);
        var termsData = insertTerms.Parameters.Add("$data", SqliteType.Blob);

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (loadedLexical is not null)
            {
                rowsOfPathPath.Value = file.Path;
                using var reader = rowsOfPath.ExecuteReader();
                while (reader.Read())
                {
                    removedRows.Add(reader.GetInt64(0));
                }
            }

            foreach (var (command, parameter) in new[] { (deleteTerms, deleteTermsPath), (deleteChunks, deleteChunksPath), (deleteEdges, deleteEdgesPath), (deleteFile, deleteFilePath) })
            {
                parameter.Value = file.Path;
                command.ExecuteNonQuery();
            }

            if (file.Hash is null)
            {
                continue;
            }

            insertFilePath.Value = file.Path;
            insertFileHash.Value = file.Hash;
            insertFile.ExecuteNonQuery();
            for (var index = 0; index < file.Chunks.Length; index++)
            {
                var chunk = file.Chunks[index];
                var fields = file.Fields[index];
                object[] values = [chunk.Id, chunk.Path, (int)chunk.Kind, (int)chunk.Granularity, chunk.Unit, chunk.Name, chunk.StartLine, chunk.EndLine, chunk.Context, chunk.Snippet, chunk.IgnoreCase ? 1 : 0];
                for (var value = 0; value < values.Length; value++)
                {
                    chunkParameters[value].Value = values[value];
                }

                var rowId = (long)insertChunk.ExecuteScalar()!;
                var data = LexicalIndex.Encode(fields);
                termsRowId.Value = rowId;
                termsGranularity.Value = (int)chunk.Granularity;
                termsData.Value = data;
                insertTerms.ExecuteNonQuery();
                if (loadedLexical is not null)
                {
                    addedRows.Add((rowId, chunk.Granularity, data));
                }
            }
        }

        using var insertEdge = Command("INSERT INTO retrieval_edges(source, target, kind, source_path, target_path) VALUES ($source, $target, $kind, $sourcePath, $targetPath)", transaction);
        var edgeParameters = new[] { "$source", "$target", "$kind", "$sourcePath", "$targetPath" }.Select(name => insertEdge.Parameters.Add(name, SqliteType.Text)).ToArray();
        foreach (var edge in edges)
        {
            object[] values = [edge.Source, edge.Target, (int)edge.Kind, edge.SourcePath, edge.TargetPath];
            for (var value = 0; value < values.Length; value++)
            {
                edgeParameters[value].Value = values[value];
            }

            insertEdge.ExecuteNonQuery();
        }

        transaction.Commit();
        InvalidateCaches(loadedLexical, removedRows, addedRows);
    }

    /// <summary>Chunk ids and row ids of a file, in row order (tests and vector updates use them).</summary>
    public ImmutableArray<(long RowId, string Id)> ChunkIdsOf(string path)
    {
        using var command = Command("SELECT rowid, id FROM retrieval_chunks WHERE path = $path ORDER BY rowid");
        command.Parameters.AddWithValue("$path", path);
        using var reader = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<(long, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return result.ToImmutable();
    }

    /// <summary>BM25 search: the best chunks for any of the terms, optionally of one granularity, best first (score: higher is better).</summary>
    public ImmutableArray<(long RowId, double Score)> SearchLexical(IReadOnlyList<string> terms, Granularity? granularity, int top, LexicalOptions options) =>
        SearchLexical(terms, [new LexicalRequest(granularity, top)], options)[0];

    /// <summary>
    /// Several BM25 searches for the same terms at once, from the in-memory index (<see cref="LexicalIndex"/>): every
    /// chunk containing a term is scored once and offered to each request of its granularity (null: any), which keeps
    /// its best <c>Top</c>, ties in row order.
    /// </summary>
    public ImmutableArray<ImmutableArray<(long RowId, double Score)>> SearchLexical(IReadOnlyList<string> terms, IReadOnlyList<LexicalRequest> requests, LexicalOptions options) =>
        Lexical().Search(terms, requests, options);

    /// <summary>Which of <paramref name="terms"/> each chunk contains, in the order they first occur in its fields (names, comments, body).</summary>
    public ImmutableDictionary<long, ImmutableArray<string>> MatchedTerms(IEnumerable<long> rowIds, IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var wanted = terms.ToHashSet(StringComparer.Ordinal);
        return ReadByRowIds(rowIds, "SELECT rowid, data FROM retrieval_terms WHERE rowid IN ({0})",
            reader => LexicalIndex.TermsOf(reader.GetFieldValue<byte[]>(1)).Where(wanted.Contains).ToImmutableArray());
    }

    /// <summary>How many times the BM25 index was read whole from the store, and how many times a write patched it in memory.</summary>
    internal int LexicalLoads { get; private set; }

    internal int LexicalPatches { get; private set; }

    /// <summary>The in-memory BM25 index's size and how long it took to read (loading it first when needed), for reports.</summary>
    public LexicalIndexSize LexicalIndexSize()
    {
        var index = Lexical();
        return new LexicalIndexSize(index.ChunkCount, index.TermCount, index.PostingCount, index.ApproximateBytes, _lexicalLoadTime);
    }

    public ImmutableDictionary<long, string> ChunkIdsByRowId(IEnumerable<long> rowIds) =>
        ReadByRowIds(rowIds, "SELECT rowid, id FROM retrieval_chunks WHERE rowid IN ({0})", reader => reader.GetString(1));

    public ImmutableDictionary<long, StoredChunk> ChunksByRowId(IEnumerable<long> rowIds) =>
        ReadByRowIds(rowIds, $"SELECT {ChunkColumns} FROM retrieval_chunks WHERE rowid IN ({{0}})", ReadChunk);

    public ImmutableDictionary<string, StoredChunk> ChunksById(IEnumerable<string> ids)
    {
        var result = ImmutableDictionary.CreateBuilder<string, StoredChunk>(StringComparer.Ordinal);
        foreach (var batch in ids.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            using var command = Command(string.Empty);
            var names = new List<string>();
            for (var index = 0; index < batch.Length; index++)
            {
                var name = $"$p{index.ToString(CultureInfo.InvariantCulture)}";
                names.Add(name);
                command.Parameters.AddWithValue(name, batch[index]);
            }

            command.CommandText = $"SELECT {ChunkColumns} FROM retrieval_chunks WHERE id IN ({string.Join(',', names)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var chunk = ReadChunk(reader);
                result[chunk.Id] = chunk;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Edges with either end among <paramref name="chunkIds"/>.</summary>
    public ImmutableArray<ChunkEdge> EdgesTouching(IEnumerable<string> chunkIds)
    {
        var result = ImmutableArray.CreateBuilder<ChunkEdge>();
        foreach (var batch in chunkIds.Distinct(StringComparer.Ordinal).Chunk(400))
        {
            using var command = Command(string.Empty);
            var names = new List<string>();
            for (var index = 0; index < batch.Length; index++)
            {
                var name = $"$p{index.ToString(CultureInfo.InvariantCulture)}";
                names.Add(name);
                command.Parameters.AddWithValue(name, batch[index]);
            }

            var list = string.Join(',', names);
            command.CommandText = $"SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE source IN ({list}) UNION SELECT source, target, kind, source_path, target_path FROM retrieval_edges WHERE target IN ({list})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new ChunkEdge(reader.GetString(0), reader.GetString(1), (ChunkEdgeKind)reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Edges touching each of <paramref name="chunkIds"/>, at most <paramref name="maxPerNode"/> per chunk and
    /// direction (the first by row order; negative: all): a hub (a unit header with thousands of members) contributes
    /// a bounded sample, so a walk costs the same on a million-line repository as on a small one. Edges from the
    /// chunks to any of <paramref name="preferred"/> are always included, whatever the cap: those are the neighbours
    /// the query already matched, the ones that matter for ranking. Order: per chunk, its sampled outgoing then
    /// incoming edges; then per chunk the preferred edges the sample missed. Answered from the in-memory adjacency
    /// (<see cref="EdgeAdjacency"/>), so a walk costs no query per chunk.
    /// </summary>
    public ImmutableArray<ChunkEdge> EdgesTouching(IEnumerable<string> chunkIds, int maxPerNode, IReadOnlyCollection<string> preferred)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        ArgumentNullException.ThrowIfNull(preferred);
        var adjacency = Adjacency();
        var nodes = chunkIds.Distinct(StringComparer.Ordinal).Select(adjacency.NodeOf).Where(node => node >= 0).ToList();
        var result = new HashSet<ChunkEdge>();
        foreach (var node in nodes)
        {
            adjacency.AddEdges(adjacency.Outgoing(node), maxPerNode, null, result);
            adjacency.AddEdges(adjacency.Incoming(node), maxPerNode, null, result);
        }

        if (preferred.Count > 0)
        {
            var preferredNodes = preferred.Select(adjacency.NodeOf).Where(node => node >= 0).ToHashSet();
            foreach (var node in nodes)
            {
                adjacency.AddEdges(adjacency.Outgoing(node), -1, edge => preferredNodes.Contains(adjacency.TargetOf(edge)), result);
                adjacency.AddEdges(adjacency.Incoming(node), -1, edge => preferredNodes.Contains(adjacency.SourceOf(edge)), result);
            }
        }

        return [.. result];
    }

    /// <summary>Edges of one kind leaving <paramref name="chunkIds"/>, every one of them (from the in-memory adjacency).</summary>
    public ImmutableArray<ChunkEdge> EdgesFrom(IEnumerable<string> chunkIds, ChunkEdgeKind kind)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        var adjacency = Adjacency();
        var result = new HashSet<ChunkEdge>();
        foreach (var node in chunkIds.Distinct(StringComparer.Ordinal).Select(adjacency.NodeOf).Where(node => node >= 0))
        {
            adjacency.AddEdges(adjacency.Outgoing(node), -1, edge => adjacency.KindOf(edge) == kind, result);
        }

        return [.. result];
    }

    /// <summary>
    /// The chunk graph's edges as loaded in memory (read on first use, again after any write to the index, by this
    /// store or another connection). On OpenTitan `hw/` (297k edges, 154k chunks) it is what a walk reads instead of
    /// two queries per chunk.
    /// </summary>
    internal EdgeAdjacency Adjacency()
    {
        lock (_cacheLock)
        {
            RefreshCaches();
            return _adjacency ??= EdgeAdjacency.Load(_connection);
        }
    }

    /// <summary>
    /// The BM25 index held in memory (read from `retrieval_terms` on first use, again after any write to the index, by
    /// this store or another connection). On OpenTitan `hw/` it replaces an FTS5 query that scored every match through
    /// SQLite's auxiliary-function interface.
    /// </summary>
    internal LexicalIndex Lexical()
    {
        lock (_cacheLock)
        {
            RefreshCaches();
            return _lexical ??= LoadLexical();
        }
    }

    private LexicalIndex LoadLexical()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var builder = new LexicalIndex.Builder();
        using var command = Command("SELECT rowid, granularity, data FROM retrieval_terms ORDER BY rowid");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            builder.Add(reader.GetInt64(0), (Granularity)reader.GetInt32(1), reader.GetFieldValue<byte[]>(2));
        }

        var index = builder.Build();
        _lexicalLoadTime = stopwatch.Elapsed;
        LexicalLoads++;
        return index;
    }

    /// <summary>Drops the caches when another connection committed since they were read (`PRAGMA data_version` changes).</summary>
    private void RefreshCaches()
    {
        using var command = Command("PRAGMA data_version");
        var version = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version != _cachedDataVersion)
        {
            _cachedDataVersion = version;
            _adjacency = null;
            _lexical = null;
        }
    }

    /// <summary>
    /// Drops the caches after a write of this store. The BM25 index, when it was loaded before the write and nothing
    /// replaced it meanwhile, is patched with the rows the write removed and added instead of read again
    /// (<see cref="LexicalIndex.Patch"/>): what the LSP server does after each indexed edit.
    /// </summary>
    private void InvalidateCaches(LexicalIndex? before, IReadOnlySet<long> removed, IReadOnlyList<(long RowId, Granularity Granularity, byte[] Data)> added)
    {
        lock (_cacheLock)
        {
            _adjacency = null;
            _lexical = before is not null && ReferenceEquals(_lexical, before) ? before.Patch(removed, added) : null;
            if (_lexical is not null)
            {
                LexicalPatches++;
            }
        }
    }

    public int EdgeCount()
    {
        using var command = Command("SELECT count(*) FROM retrieval_edges");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private const string ChunkColumns = "rowid, id, path, kind, unit, name, start_line, end_line, context, snippet, ignore_case";

    private static StoredChunk ReadChunk(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (ChunkKind)reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
        reader.GetInt32(6), reader.GetInt32(7), reader.GetString(8), reader.GetString(9), reader.GetInt32(10) != 0);

    private ImmutableDictionary<long, T> ReadByRowIds<T>(IEnumerable<long> rowIds, string template, Func<SqliteDataReader, T> read)
    {
        var result = ImmutableDictionary.CreateBuilder<long, T>();
        foreach (var batch in rowIds.Distinct().Chunk(500))
        {
            using var command = Command(string.Format(CultureInfo.InvariantCulture, template, string.Join(',', batch.Select(id => id.ToString(CultureInfo.InvariantCulture)))));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result[reader.GetInt64(0)] = read(reader);
            }
        }

        return result.ToImmutable();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}

/// <summary>Size of the in-memory BM25 index: chunks, distinct terms, postings, approximate bytes, and the time its last load took.</summary>
public sealed record LexicalIndexSize(int Chunks, int Terms, int Postings, long Bytes, TimeSpan LoadTime);

/// <summary>What to store for one file: its hash (null = the file is gone), chunks and their analysed fields.</summary>
public sealed record FileChunks(string Path, string? Hash, ImmutableArray<Chunk> Chunks, ImmutableArray<IndexedFields> Fields);

/// <summary>Opens connections the way every table here wants them (WAL, so readers and one writer share the file).</summary>
internal static class SqliteDatabase
{
    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 10 }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = databasePath == ":memory:" ? "PRAGMA foreign_keys = OFF;" : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
