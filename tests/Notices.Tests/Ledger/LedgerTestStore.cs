using Microsoft.Data.Sqlite;
using Notices.Store;

namespace Notices.Tests.Ledger;

/// <summary>A temp directory with a real SQLite store file; deleted on dispose.</summary>
public sealed class LedgerTestStore : IDisposable
{
    public LedgerTestStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "notices-ledger-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DbPath = Path.Combine(Directory, "notices.db");
        Db = StoreSchema.Open(DbPath);
    }

    public string Directory { get; }

    public string DbPath { get; }

    public NoticesDbContext Db { get; }

    /// <summary>Runs raw SQL on a separate connection, like someone with the sqlite3 tool would.</summary>
    public int Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        Db.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
