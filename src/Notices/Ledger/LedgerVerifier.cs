using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Re-checks the whole ledger: Seq runs 1, 2, 3… without gaps, each PrevHash is the previous Hash (64 zeros for the
/// first row), each Hash matches the row's canonical content (<see cref="LedgerHasher"/>), and the last row is the
/// head recorded in <c>ledger_head</c> (so deleting the newest rows is caught too). Streams rows; O(1) memory.
/// </summary>
public static class LedgerVerifier
{
    public static LedgerVerification Verify(NoticesDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        return Verify(connection);
    }

    public static LedgerVerification Verify(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var expectedSeq = 1L;
        var prevHash = LedgerHasher.GenesisHash;
        long count = 0;

        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText =
                "SELECT Seq, CampaignId, LetterId, PatientId, Kind, Detail, At, PrevHash, Hash FROM ledger ORDER BY Seq;";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                if (seq != expectedSeq)
                {
                    return LedgerVerification.Invalid(count, expectedSeq, LedgerFault.SeqGap,
                        string.Create(CultureInfo.InvariantCulture,
                            $"seq {expectedSeq} is missing (next row is seq {seq}): a row was deleted"));
                }

                var storedPrev = reader.IsDBNull(7) ? "" : reader.GetString(7);
                if (!string.Equals(storedPrev, prevHash, StringComparison.Ordinal))
                {
                    return LedgerVerification.Invalid(count, seq, LedgerFault.PrevHashMismatch,
                        string.Create(CultureInfo.InvariantCulture,
                            $"seq {seq}: prev_hash does not match the hash of seq {seq - 1}: the chain was altered"));
                }

                var atText = reader.IsDBNull(6) ? "" : reader.GetString(6);
                if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal, out var at))
                {
                    return LedgerVerification.Invalid(count, seq, LedgerFault.UnreadableRow,
                        string.Create(CultureInfo.InvariantCulture, $"seq {seq}: timestamp cannot be read: the row was edited"));
                }

                var computed = LedgerHasher.Compute(
                    prevHash,
                    seq,
                    reader.IsDBNull(1) ? "" : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? "" : reader.GetString(4),
                    reader.IsDBNull(5) ? "" : reader.GetString(5),
                    at);
                var storedHash = reader.IsDBNull(8) ? "" : reader.GetString(8);
                if (!string.Equals(computed, storedHash, StringComparison.Ordinal))
                {
                    return LedgerVerification.Invalid(count, seq, LedgerFault.HashMismatch,
                        string.Create(CultureInfo.InvariantCulture,
                            $"seq {seq}: hash does not match the row's content: the row was edited"));
                }

                prevHash = storedHash;
                count++;
                expectedSeq++;
            }
        }

        return CheckHead(connection, count, prevHash);
    }

    private static LedgerVerification CheckHead(SqliteConnection connection, long count, string lastHash)
    {
        var lastSeq = count;
        (long Seq, string Hash)? head = LedgerHeadTable.Exists(connection) ? LedgerHeadTable.Read(connection) : null;
        if (head is null)
        {
            return count == 0
                ? LedgerVerification.Valid(0)
                : LedgerVerification.Invalid(count, null, LedgerFault.HeadMissing,
                    "the ledger has rows but its recorded head (ledger_head) is missing: it was deleted");
        }

        var (headSeq, headHash) = head.Value;
        if (headSeq > lastSeq)
        {
            return LedgerVerification.Invalid(count, lastSeq + 1, LedgerFault.HeadMismatch,
                string.Create(CultureInfo.InvariantCulture,
                    $"the ledger ends at seq {lastSeq} but its head records seq {headSeq}: the last row(s) were deleted"));
        }

        if (headSeq < lastSeq || !string.Equals(headHash, lastHash, StringComparison.Ordinal))
        {
            return LedgerVerification.Invalid(count, lastSeq, LedgerFault.HeadMismatch,
                string.Create(CultureInfo.InvariantCulture,
                    $"the last row (seq {lastSeq}) is not the recorded head (seq {headSeq}): rows were added or replaced outside the writer"));
        }

        return LedgerVerification.Valid(count);
    }
}
