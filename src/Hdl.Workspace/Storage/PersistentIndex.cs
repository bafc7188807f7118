using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Index;
using Microsoft.Data.Sqlite;

namespace Hdl.Workspace.Storage;

/// <summary>What opening the persisted index did: the snapshot, whether it started warm, and what it said.</summary>
public sealed record PersistentIndexResult(WorkspaceIndex Index, bool Warm, ImmutableArray<string> Messages)
{
    /// <summary>Files loaded from the database rather than analysed.</summary>
    public int LoadedFileCount { get; init; }

    /// <summary>Time spent reading the database (load) and writing it (save), for the summary and the benchmark.</summary>
    public TimeSpan LoadTime { get; init; }

    public TimeSpan SaveTime { get; init; }

    /// <summary>Database size on disk after saving (0 when the index could not be persisted).</summary>
    public long DatabaseBytes { get; init; }

    /// <summary>Where opening spent its time, phase by phase, for the benchmark (bench/index).</summary>
    public ImmutableArray<IndexOpenPhase> Phases { get; init; } = [];
}

/// <summary>One step of <see cref="PersistentIndex.Open"/>: wall time and the CPU time of the whole process meanwhile (all threads).</summary>
public readonly record struct IndexOpenPhase(string Name, TimeSpan Wall, TimeSpan Cpu);

/// <summary>Times consecutive phases in wall and process CPU time.</summary>
internal sealed class PhaseClock
{
    private readonly ImmutableArray<IndexOpenPhase>.Builder _phases = ImmutableArray.CreateBuilder<IndexOpenPhase>();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = ProcessCpu();

    public ImmutableArray<IndexOpenPhase> Phases => _phases.ToImmutable();

    /// <summary>Wall time of the phases so far.</summary>
    public TimeSpan Elapsed => _phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.Wall) + _wall.Elapsed;

    /// <summary>Ends the current phase under that name and starts the next.</summary>
    public TimeSpan Lap(string name)
    {
        var cpu = ProcessCpu();
        var wall = _wall.Elapsed;
        _phases.Add(new IndexOpenPhase(name, wall, cpu - _cpu));
        _wall.Restart();
        _cpu = cpu;
        return wall;
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>
/// The workspace index kept on disk between runs. Opening loads every file analysed before, compares each file's
/// size and modification time with what was stored (a differing file is then hashed, so a touched file whose text
/// is the same is kept), lets <see cref="WorkspaceIndex.Restore"/> analyse the new and changed files, and writes
/// back what changed in one transaction. A database from another format, analyser build or set of options is
/// emptied; a damaged one is replaced; a locked one is left alone and the run goes on without it. None of these
/// stops the run: each is a message for the user.
/// </summary>
public static class PersistentIndex
{
    /// <summary>Version of the tables below; part of what a stored index must match to be used.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Files encoded at once when saving.</summary>
    private const int SaveBatchSize = 256;

    private const string CreateTables = """
        CREATE TABLE IF NOT EXISTS hdl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS hdl_files (path TEXT PRIMARY KEY, content_hash TEXT NOT NULL, length INTEGER NOT NULL, modified INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS hdl_includes (path TEXT PRIMARY KEY, length INTEGER NOT NULL, modified INTEGER NOT NULL);
        """;

    public static PersistentIndexResult Open(
        IndexDatabase database,
        IReadOnlyList<string> paths,
        WorkspaceIndexOptions options,
        ISourceFileReader reader,
        IIncludeSource includes,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var messages = ImmutableArray.CreateBuilder<string>();
        var clock = new PhaseClock();
        var stored = TryLoad(database, KeyOf(options), messages, clock, cancellationToken);
        var loadTime = clock.Elapsed;
        if (stored is null)
        {
            // The database cannot be used at all (locked by another process): analyse everything, persist nothing.
            var built = WorkspaceIndex.Build(paths, options, reader, includes, progress, cancellationToken);
            clock.Lap("analyse");
            return new PersistentIndexResult(built, Warm: false, messages.ToImmutable()) { LoadTime = loadTime, Phases = clock.Phases };
        }

        // Stamps are taken before any file is read: a file written after this point looks changed next time.
        var stamps = FileStamp.Of(paths.Concat(stored.IncludeStamps.Keys), cancellationToken);
        var changed = new List<string>();
        foreach (var path in paths)
        {
            if (stored.FileStamps.TryGetValue(path, out var stamp) && stored.MayHaveChanged(stamp, stamps[path]))
            {
                changed.Add(path);
            }
        }

        foreach (var (path, stamp) in stored.IncludeStamps)
        {
            if (stored.MayHaveChanged(stamp, stamps[path]))
            {
                changed.Add(path);
            }
        }

        clock.Lap("stamps");
        var index = WorkspaceIndex.Restore(paths, stored.Files, changed, options, reader, includes, progress, cancellationToken);
        clock.Lap("restore (analyse changed files)");
        var saved = TrySave(database, index, stored, stamps, messages, cancellationToken);
        var saveTime = clock.Lap("save");
        return new PersistentIndexResult(index, Warm: stored.Files.Length > 0, messages.ToImmutable())
        {
            LoadedFileCount = index.Files.Length - index.AnalysedPaths.Length,
            LoadTime = loadTime,
            SaveTime = saveTime,
            DatabaseBytes = saved ? database.SizeInBytes : 0,
            Phases = clock.Phases,
        };
    }

    /// <summary>
    /// What a stored analysis depends on besides the file's text: the storage format, the analyser build (a new
    /// parser may read the same text differently) and the options files are parsed with.
    /// </summary>
    internal static string KeyOf(WorkspaceIndexOptions options)
    {
        var text = new StringBuilder();
        text.Append("schema ").Append(SchemaVersion).Append(" format ").Append(IndexedFileFormat.Version).Append('\n');
        foreach (var assembly in new[] { typeof(Syntax.SyntaxParser).Assembly, typeof(Design.DesignModel).Assembly, typeof(WorkspaceIndex).Assembly })
        {
            text.Append(assembly.ManifestModule.ModuleVersionId).Append('\n');
        }

        var preprocessor = options.Preprocessor;
        text.Append("vhdl ").Append(options.VhdlVersion).Append(" default library ").Append(options.DefaultVhdlLibrary).Append('\n');
        text.Append("preprocessor ").Append(preprocessor.Version).Append(' ').Append(preprocessor.MaxIncludeDepth).Append(' ')
            .Append(preprocessor.MaxMacroDepth).Append(' ').Append(preprocessor.MaxExpandedTokens).Append('\n');
        foreach (var directory in preprocessor.IncludeDirectories)
        {
            text.Append("include ").Append(directory).Append('\n');
        }

        foreach (var define in preprocessor.Defines)
        {
            text.Append("define ").Append(define.Name).Append('=').Append(define.Value ?? "\u0000").Append('\n');
        }

        foreach (var (path, library) in options.VhdlLibraryByPath.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("library ").Append(path).Append('=').Append(library).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static StoredIndex? TryLoad(IndexDatabase database, string key, ImmutableArray<string>.Builder messages, PhaseClock clock, CancellationToken cancellationToken)
    {
        try
        {
            return Load(database, key, messages, clock, cancellationToken);
        }
        catch (Exception exception) when (IsLocked(exception))
        {
            messages.Add($"index {database.Path} is locked by another process; indexing without it ({exception.Message})");
            return null;
        }
        catch (Exception exception) when (exception is SqliteException or FormatException)
        {
            messages.Add($"index {database.Path} is damaged ({exception.Message}); rebuilding it");
        }

        try
        {
            database.Delete();
            return Load(database, key, messages, clock, cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            messages.Add($"index {database.Path} cannot be replaced ({exception.Message}); indexing without it");
            return null;
        }
    }

    private static StoredIndex Load(IndexDatabase database, string key, ImmutableArray<string>.Builder messages, PhaseClock clock, CancellationToken cancellationToken)
    {
        var savedAt = database.LastWriteTicks;
        using var connection = database.OpenConnection();
        IndexDatabase.Execute(connection, CreateTables);
        var storedKey = ReadMeta(connection, "key");
        if (storedKey != key)
        {
            if (storedKey is not null)
            {
                messages.Add("index was made by another version of hdl or with other options; analysing every file again");
            }

            using var transaction = connection.BeginTransaction();
            IndexDatabase.Execute(connection, "DELETE FROM hdl_files; DELETE FROM hdl_includes;", transaction);
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT OR REPLACE INTO hdl_meta (key, value) VALUES ('key', $value)";
                command.Parameters.AddWithValue("$value", key);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return StoredIndex.Empty;
        }

        var rows = new List<(string Path, FileStamp Stamp, byte[] Data)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT path, length, modified, data FROM hdl_files";
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add((row.GetString(0), new FileStamp(row.GetInt64(1), row.GetInt64(2)), (byte[])row.GetValue(3)));
            }
        }

        var includeStamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT path, length, modified FROM hdl_includes";
            using var row = command.ExecuteReader();
            while (row.Read())
            {
                includeStamps[row.GetString(0)] = new FileStamp(row.GetInt64(1), row.GetInt64(2));
            }
        }

        clock.Lap("database read");

        // Decoding is most of the load time; files decode independently.
        var files = new IndexedFile[rows.Count];
        FormatException? damage = null;
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, index =>
        {
            try
            {
                var file = IndexedFileFormat.Read(rows[index].Data);
                files[index] = file.Path == rows[index].Path ? file : throw new FormatException($"row {rows[index].Path} holds {file.Path}");
            }
            catch (FormatException exception)
            {
                Interlocked.CompareExchange(ref damage, exception, null);
            }
        });
        if (damage is not null)
        {
            throw damage;
        }

        var fileStamps = new Dictionary<string, FileStamp>(rows.Count, StringComparer.Ordinal);
        foreach (var (path, stamp, _) in rows)
        {
            fileStamps[path] = stamp;
        }

        clock.Lap("decode");
        return new StoredIndex([.. files], fileStamps, includeStamps) { SavedAt = savedAt };
    }

    private static bool TrySave(
        IndexDatabase database,
        WorkspaceIndex index,
        StoredIndex stored,
        IReadOnlyDictionary<string, FileStamp> stamps,
        ImmutableArray<string>.Builder messages,
        CancellationToken cancellationToken)
    {
        try
        {
            Save(database, index, stored, stamps, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            messages.Add($"index {database.Path} could not be saved ({exception.Message}); the next run analyses the changed files again");
            return false;
        }
    }

    private static void Save(IndexDatabase database, WorkspaceIndex index, StoredIndex stored, IReadOnlyDictionary<string, FileStamp> stamps, CancellationToken cancellationToken)
    {
        var analysed = new HashSet<string>(index.AnalysedPaths, StringComparer.Ordinal);
        var toWrite = index.Files.Where(file => analysed.Contains(file.Path) || !stored.FileStamps.ContainsKey(file.Path)).ToArray();
        var written = new HashSet<string>(toWrite.Select(file => file.Path), StringComparer.Ordinal);

        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT OR REPLACE INTO hdl_files (path, content_hash, length, modified, data) VALUES ($path, $hash, $length, $modified, $data)";
            var path = upsert.Parameters.Add("$path", SqliteType.Text);
            var hash = upsert.Parameters.Add("$hash", SqliteType.Text);
            var length = upsert.Parameters.Add("$length", SqliteType.Integer);
            var modified = upsert.Parameters.Add("$modified", SqliteType.Integer);
            var data = upsert.Parameters.Add("$data", SqliteType.Blob);

            // Encoded in parallel a batch at a time: the bytes of every file at once (62 MB for opentitan/hw, and
            // the growing buffers behind them) would add to the peak memory of a cold index.
            foreach (var batch in toWrite.Chunk(SaveBatchSize))
            {
                var encoded = new byte[batch.Length][];
                Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, item => encoded[item] = IndexedFileFormat.Write(batch[item]));
                for (var item = 0; item < batch.Length; item++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var file = batch[item];
                    path.Value = file.Path;
                    hash.Value = file.ContentHash;
                    (length.Value, modified.Value) = (stamps[file.Path].Length, stamps[file.Path].Modified);
                    data.Value = encoded[item];
                    upsert.ExecuteNonQuery();
                }
            }
        }

        // A touched file whose text did not change keeps its analysis; only its stamp is new.
        UpdateStamps(connection, transaction, "hdl_files", index.Files.Select(file => file.Path)
            .Where(file => !written.Contains(file) && stored.FileStamps[file] != stamps[file]), stamps);
        DeleteMissing(connection, transaction, "hdl_files", stored.FileStamps.Keys, index.Files.Select(file => file.Path));

        var included = index.Files.SelectMany(file => file.Includes).Distinct(StringComparer.Ordinal).ToArray();
        var includeStamps = FileStamp.Of(included.Where(path => !stamps.ContainsKey(path)), cancellationToken);
        var allStamps = stamps.Concat(includeStamps).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        UpdateStamps(connection, transaction, "hdl_includes", included
            .Where(path => !stored.IncludeStamps.TryGetValue(path, out var stamp) || stamp != allStamps[path]), allStamps);
        DeleteMissing(connection, transaction, "hdl_includes", stored.IncludeStamps.Keys, included);
        transaction.Commit();

        // The log is folded into the database so its size is what the summary reports and one file holds it all.
        IndexDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static void UpdateStamps(SqliteConnection connection, SqliteTransaction transaction, string table, IEnumerable<string> paths, IReadOnlyDictionary<string, FileStamp> stamps)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table == "hdl_files"
            ? "UPDATE hdl_files SET length = $length, modified = $modified WHERE path = $path"
            : "INSERT OR REPLACE INTO hdl_includes (path, length, modified) VALUES ($path, $length, $modified)";
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var length = command.Parameters.Add("$length", SqliteType.Integer);
        var modified = command.Parameters.Add("$modified", SqliteType.Integer);
        foreach (var file in paths)
        {
            path.Value = file;
            (length.Value, modified.Value) = (stamps[file].Length, stamps[file].Modified);
            command.ExecuteNonQuery();
        }
    }

    private static void DeleteMissing(SqliteConnection connection, SqliteTransaction transaction, string table, IEnumerable<string> stored, IEnumerable<string> current)
    {
        var keep = new HashSet<string>(current, StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {table} WHERE path = $path";
        var path = command.Parameters.Add("$path", SqliteType.Text);
        foreach (var file in stored.Where(file => !keep.Contains(file)).ToArray())
        {
            path.Value = file;
            command.ExecuteNonQuery();
        }
    }

    private static string? ReadMeta(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM hdl_meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the file; it is not damaged.</summary>
    private static bool IsLocked(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    private sealed record StoredIndex(
        ImmutableArray<IndexedFile> Files,
        IReadOnlyDictionary<string, FileStamp> FileStamps,
        IReadOnlyDictionary<string, FileStamp> IncludeStamps)
    {
        public static readonly StoredIndex Empty = new([], new Dictionary<string, FileStamp>(), new Dictionary<string, FileStamp>());

        /// <summary>Last write time of the database file, on the file system's clock.</summary>
        public long SavedAt { get; init; }

        /// <summary>
        /// A file needs hashing when its stamp differs, or when it was written no earlier than the index (git's "racy"
        /// rule): file times are coarse, so an edit in the same tick as the save that does not change the length
        /// would otherwise look untouched.
        /// </summary>
        public bool MayHaveChanged(FileStamp stored, FileStamp current) => stored != current || current.Modified >= SavedAt;
    }
}

/// <summary>A file's size and last write time: equal stamps mean the file was not touched, as git assumes.</summary>
public readonly record struct FileStamp(long Length, long Modified)
{
    /// <summary>A stamp no file has, for a file that is missing.</summary>
    public static readonly FileStamp Missing = new(-1, -1);

    public static IReadOnlyDictionary<string, FileStamp> Of(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (stamps.ContainsKey(path))
            {
                continue;
            }

            var info = new FileInfo(path);
            stamps[path] = info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : Missing;
        }

        return stamps;
    }
}
