using Microsoft.Data.Sqlite;

namespace Notices.Store;

/// <summary>The store file could not be opened as a store (see <see cref="StoreFault"/>); names the path.</summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string path, SqliteException inner)
        : base(StoreFault.Describe(inner, path), inner)
    {
        Path = path;
        SqliteErrorCode = inner.SqliteErrorCode;
    }

    public string Path { get; }

    public int SqliteErrorCode { get; }

    /// <summary>True when the path itself is wrong (not a database, a folder): bad input rather than a fault.</summary>
    public bool IsWrongPath => StoreFault.IsWrongPath(SqliteErrorCode);
}
