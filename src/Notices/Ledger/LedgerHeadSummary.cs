using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// The ledger's current head and size, cheaply (no chain walk), for <c>status</c> and <c>report</c> to print so that
/// an auditor can pin it and later run <c>verify --expect-head</c>. The head is the whole store's ledger, which all
/// campaigns share. <see cref="LooksIntact"/> is false when the recorded head and the rows disagree; only
/// <see cref="LedgerVerifier"/> can say more.
/// </summary>
public sealed record LedgerHeadSummary(LedgerHeadPin Head, long RowCount, string? KeyId, bool LooksIntact)
{
    public static LedgerHeadSummary Read(NoticesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        return Read(connection);
    }

    public static LedgerHeadSummary Read(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var recorded = LedgerHeadTable.ReadRow(connection);
        long rows;
        (long Seq, string Hash)? last;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM ledger), Seq, Hash FROM ledger ORDER BY Seq DESC LIMIT 1;";
            using var reader = cmd.ExecuteReader();
            if (reader.Read())
            {
                rows = reader.GetInt64(0);
                last = (reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
            }
            else
            {
                rows = 0;
                last = null;
            }
        }

        var head = recorded is { } r
            ? new LedgerHeadPin(r.Seq, r.Hash)
            : last is { } l ? new LedgerHeadPin(l.Seq, l.Hash) : LedgerHeadPin.Empty;
        var intact = head.Seq == rows
            && (last is null ? recorded is null : last.Value.Seq == head.Seq && string.Equals(last.Value.Hash, head.Hash, StringComparison.Ordinal));
        return new LedgerHeadSummary(head, rows, recorded?.KeyId, intact);
    }

    /// <summary>The command that checks a store against this head later.</summary>
    public string VerifyCommand => "notices verify --expect-head " + Head;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Head} ({RowCount} rows{(KeyId is null ? "" : ", keyed, key id " + KeyId)})");
}
