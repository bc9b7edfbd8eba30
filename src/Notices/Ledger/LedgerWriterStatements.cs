using Microsoft.Data.Sqlite;

namespace Notices.Ledger;

/// <summary>
/// The writer's SQL, prepared once on its own connection and reused by every batch. SQLite parses a statement each
/// time a new command is prepared; with a batch per durable intent (one per email on a single connection), the
/// schema probes and re-parses cost more than the rows themselves (measured: most of the ledger thread's time).
/// The writer's <see cref="LedgerHeadTable.Ensure"/> has run first, so the head table has its key columns.
/// </summary>
internal sealed class LedgerWriterStatements : IDisposable
{
    private readonly SqliteCommand _readHead;
    private readonly SqliteCommand _lastRow;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _writeHead;

    public LedgerWriterStatements(SqliteConnection connection)
    {
        _readHead = Prepare(connection, "SELECT Seq, Hash, KeyId, KeyedFrom, Mac FROM ledger_head WHERE Id = 1;");
        _lastRow = Prepare(connection, "SELECT Seq, Hash FROM ledger ORDER BY Seq DESC LIMIT 1;");
        _insert = Prepare(connection,
            "INSERT INTO ledger (Seq, CampaignId, LetterId, PatientId, Kind, Detail, At, PrevHash, Hash) " +
            "VALUES ($seq, $campaign, $letter, $patient, $kind, $detail, $at, $prev, $hash);",
            ("$seq", SqliteType.Integer), ("$campaign", SqliteType.Text), ("$letter", SqliteType.Text), ("$patient", SqliteType.Text),
            ("$kind", SqliteType.Text), ("$detail", SqliteType.Text), ("$at", SqliteType.Text), ("$prev", SqliteType.Text), ("$hash", SqliteType.Text));
        _writeHead = Prepare(connection, LedgerHeadTable.UpsertSql,
            ("$seq", SqliteType.Integer), ("$hash", SqliteType.Text), ("$keyId", SqliteType.Text), ("$keyedFrom", SqliteType.Integer), ("$mac", SqliteType.Text));
    }

    public LedgerHeadRow? ReadHead(SqliteTransaction tx)
    {
        _readHead.Transaction = tx;
        using var reader = _readHead.ExecuteReader();
        return LedgerHeadTable.ReadFrom(reader);
    }

    public (long Seq, string Hash)? LastRow(SqliteTransaction tx)
    {
        _lastRow.Transaction = tx;
        using var reader = _lastRow.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public void Insert(SqliteTransaction tx, long seq, string campaignId, string? letterId, string? patientId,
        string kind, string detail, DateTimeOffset at, string prevHash, string hash)
    {
        _insert.Transaction = tx;
        var p = _insert.Parameters;
        p[0].Value = seq;
        p[1].Value = campaignId;
        p[2].Value = (object?)letterId ?? DBNull.Value;
        p[3].Value = (object?)patientId ?? DBNull.Value;
        p[4].Value = kind;
        p[5].Value = detail;
        // Bound as a DateTimeOffset: stored in the text form EF Core reads back.
        p[6].Value = at;
        p[7].Value = prevHash;
        p[8].Value = hash;
        _insert.ExecuteNonQuery();
    }

    public void WriteHead(SqliteTransaction tx, LedgerHeadRow head)
    {
        _writeHead.Transaction = tx;
        var p = _writeHead.Parameters;
        p[0].Value = head.Seq;
        p[1].Value = head.Hash;
        p[2].Value = (object?)head.KeyId ?? DBNull.Value;
        p[3].Value = (object?)head.KeyedFrom ?? DBNull.Value;
        p[4].Value = (object?)head.Mac ?? DBNull.Value;
        _writeHead.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _readHead.Dispose();
        _lastRow.Dispose();
        _insert.Dispose();
        _writeHead.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }
}
