using Microsoft.Data.Sqlite;

namespace Notices.Ledger;

/// <summary>
/// The chain head: the last Seq and Hash, kept in a one-row <c>ledger_head</c> table that <see cref="LedgerWriter"/>
/// updates in the same transaction as the rows it appends. The hash chain alone cannot show that rows were cut off
/// the end (the shorter chain is still valid), so <see cref="LedgerVerifier"/> compares the last row with this head.
/// Someone who can rewrite the database file can of course rewrite the head too; the chain and head detect edits and
/// deletions made with ordinary tools, they are not a signature.
/// </summary>
internal static class LedgerHeadTable
{
    public const string CreateSql =
        "CREATE TABLE IF NOT EXISTS ledger_head (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), " +
        "Seq INTEGER NOT NULL, Hash TEXT NOT NULL);";

    public const string UpsertSql =
        "INSERT INTO ledger_head (Id, Seq, Hash) VALUES (1, $seq, $hash) " +
        "ON CONFLICT(Id) DO UPDATE SET Seq = excluded.Seq, Hash = excluded.Hash;";

    public static void Ensure(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = CreateSql;
        cmd.ExecuteNonQuery();
    }

    public static bool Exists(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger_head';";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The recorded head, or null when there is no head row.</summary>
    public static (long Seq, string Hash)? Read(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT Seq, Hash FROM ledger_head WHERE Id = 1;";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }
}
