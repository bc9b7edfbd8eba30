using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notices.Ledger;

/// <summary>
/// The chain head: the last Seq and Hash, kept in a one-row <c>ledger_head</c> table that <see cref="LedgerWriter"/>
/// updates in the same transaction as the rows it appends. The hash chain alone cannot show that rows were cut off
/// the end (the shorter chain is still valid), so <see cref="LedgerVerifier"/> compares the last row with this head.
/// Without a key, someone who can rewrite the database file can rewrite the head too. With <c>NOTICES_LEDGER_KEY</c>
/// the head also carries the key id, the first keyed Seq and an HMAC over all of it (<see cref="LedgerChain"/>), which
/// cannot be forged without the key.
/// </summary>
internal static class LedgerHeadTable
{
    public const string CreateSql =
        "CREATE TABLE IF NOT EXISTS ledger_head (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), " +
        "Seq INTEGER NOT NULL, Hash TEXT NOT NULL, KeyId TEXT, KeyedFrom INTEGER, Mac TEXT);";

    public const string UpsertSql =
        "INSERT INTO ledger_head (Id, Seq, Hash, KeyId, KeyedFrom, Mac) VALUES (1, $seq, $hash, $keyId, $keyedFrom, $mac) " +
        "ON CONFLICT(Id) DO UPDATE SET Seq = excluded.Seq, Hash = excluded.Hash, KeyId = excluded.KeyId, " +
        "KeyedFrom = excluded.KeyedFrom, Mac = excluded.Mac;";

    // Added with the keyed chain; a table made before lacks them and gets them from Ensure.
    private static readonly (string Name, string Type)[] KeyColumns = [("KeyId", "TEXT"), ("KeyedFrom", "INTEGER"), ("Mac", "TEXT")];

    public static void Ensure(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = transaction;
            cmd.CommandText = CreateSql;
            cmd.ExecuteNonQuery();
        }

        foreach (var (name, type) in KeyColumns)
        {
            if (HasColumn(connection, transaction, name))
            {
                continue;
            }

            using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
            alter.CommandText = "ALTER TABLE ledger_head ADD COLUMN " + name + " " + type + ";";
            try
            {
                alter.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another process added it between the check and the ALTER.
            }
        }
    }

    public static bool Exists(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger_head';";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The recorded head, or null when there is no head row.</summary>
    public static (long Seq, string Hash)? Read(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        ReadRow(connection, transaction) is { } row ? (row.Seq, row.Hash) : null;

    /// <summary>The whole head row, or null when there is no head table or row. Works on a table without the key columns.</summary>
    public static LedgerHeadRow? ReadRow(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        if (!Exists(connection, transaction))
        {
            return null;
        }

        var keyColumns = KeyColumns.All(c => HasColumn(connection, transaction, c.Name));
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = keyColumns
            ? "SELECT Seq, Hash, KeyId, KeyedFrom, Mac FROM ledger_head WHERE Id = 1;"
            : "SELECT Seq, Hash, NULL, NULL, NULL FROM ledger_head WHERE Id = 1;";
        using var reader = cmd.ExecuteReader();
        return ReadFrom(reader);
    }

    /// <summary>The head row from a reader over (Seq, Hash, KeyId, KeyedFrom, Mac), or null when there is no row.</summary>
    public static LedgerHeadRow? ReadFrom(SqliteDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.Read())
        {
            return null;
        }

        return new LedgerHeadRow(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? "" : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('ledger_head') WHERE name = $name;";
        cmd.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
