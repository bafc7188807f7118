using Microsoft.Data.Sqlite;

namespace Hdl.Workspace.Storage;

/// <summary>
/// Where the persisted index lives: one SQLite file, `.hdl/index.db` under the workspace root unless the user names
/// another folder. The workspace's tables are prefixed `hdl_`; other layers (retrieval, prefix `retrieval_`) keep
/// their tables in the same file and open it through <see cref="OpenConnection"/>, so every user of the file gets the
/// same settings (write-ahead log, so one process can read while another writes; a wait instead of an error when
/// the file is busy).
/// </summary>
public sealed class IndexDatabase
{
    public const string DefaultFolderName = ".hdl";

    public const string FileName = "index.db";

    public IndexDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>`ROOT/.hdl/index.db`, or `DIR/index.db` when an index folder is given.</summary>
    public static IndexDatabase ForWorkspace(string root, string? indexFolder)
    {
        ArgumentNullException.ThrowIfNull(root);
        var folder = string.IsNullOrEmpty(indexFolder) ? System.IO.Path.Combine(root, DefaultFolderName) : indexFolder;
        return new IndexDatabase(System.IO.Path.Combine(folder, FileName));
    }

    /// <summary>Size of the database on disk, with its write-ahead log; 0 when there is none yet.</summary>
    public long SizeInBytes
    {
        get
        {
            long size = 0;
            foreach (var file in new[] { Path, Path + "-wal" })
            {
                var info = new FileInfo(file);
                size += info.Exists ? info.Length : 0;
            }

            return size;
        }
    }

    /// <summary>When the database file was last written, in ticks of the file system's clock; 0 when it does not exist.</summary>
    public long LastWriteTicks
    {
        get
        {
            var info = new FileInfo(Path);
            return info.Exists ? info.LastWriteTimeUtc.Ticks : 0;
        }
    }

    /// <summary>An open connection to the database, creating the file and its folder when missing.</summary>
    public SqliteConnection OpenConnection()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);

        // No pooling: a pooled handle would keep the file open after the index is done with it, and a damaged file
        // could then not be replaced.
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 10 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Removes the database and its journal files, so a damaged index can be built anew.</summary>
    public void Delete()
    {
        if (!Directory.Exists(System.IO.Path.GetDirectoryName(Path)))
        {
            return;
        }

        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm", Path + "-journal" })
        {
            File.Delete(file);
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
