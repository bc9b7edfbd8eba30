using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Re-checks the whole ledger: Seq runs 1, 2, 3… without gaps, each PrevHash is the previous Hash (64 zeros for the
/// first row), each Hash matches the row's canonical content (<see cref="LedgerHasher"/>; HMAC-SHA256 from the head's
/// KeyedFrom on when the ledger is keyed), the last row is the head recorded in <c>ledger_head</c> (so deleting the
/// newest rows is caught too) and, keyed, the head's MAC verifies. Then the store is checked against the ledger
/// (<see cref="LedgerCrossCheck"/>) and, when given, the head pinned earlier must be in the chain. Streams rows; O(1) memory.
/// <para>
/// A keyed ledger checked without its key gets every check that needs no key and then
/// <see cref="LedgerFault.KeyRequired"/>: its structure may be fine, but a rebuilt chain would look the same.
/// </para>
/// </summary>
public static class LedgerVerifier
{
    /// <summary>Checks with the key from <c>NOTICES_LEDGER_KEY</c>, if set.</summary>
    public static LedgerVerification Verify(NoticesDbContext db) => Verify(db, LedgerKey.FromEnvironment());

    public static LedgerVerification Verify(NoticesDbContext db, LedgerKey? key, LedgerHeadPin? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            db.Database.OpenConnection();
        }

        var result = Verify(connection, key, expectedHead);
        return result.IsValid ? CheckStates(db, result) : result;
    }

    /// <summary>
    /// Replays every campaign through the letter state machine (the same replay status, report and send use): a letter
    /// in two sealed batches, or handed over by email after it was sealed for post, fails verification.
    /// </summary>
    private static LedgerVerification CheckStates(NoticesDbContext db, LedgerVerification valid)
    {
        foreach (var campaignId in db.Campaigns.AsNoTracking().Select(c => c.CampaignId).AsEnumerable().Order(StringComparer.Ordinal))
        {
            if (LetterStateProjector.Project(db, campaignId).WithAnomalies.FirstOrDefault() is { } letter)
            {
                return LedgerVerification.Invalid(valid.RowCount, null, LedgerFault.StateAnomaly,
                    $"campaign {campaignId}, letter {letter.LetterId}: {letter.Anomalies[0]}");
            }
        }

        return valid;
    }

    /// <summary>Checks with the key from <c>NOTICES_LEDGER_KEY</c>, if set.</summary>
    public static LedgerVerification Verify(SqliteConnection connection) => Verify(connection, LedgerKey.FromEnvironment());

    /// <param name="key">The ledger key, or null to check without one.</param>
    /// <param name="expectedHead">A head printed earlier by status or report; null to skip that check.</param>
    public static LedgerVerification Verify(SqliteConnection connection, LedgerKey? key, LedgerHeadPin? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var head = LedgerHeadTable.ReadRow(connection);
        var keyed = head is { IsKeyed: true };
        var keyedFrom = keyed ? head!.KeyedFrom ?? 1 : long.MaxValue;
        var result = Walk(connection, head, key, keyedFrom, expectedHead);
        if (keyed)
        {
            result = result with { KeyId = head!.KeyId, KeyedFrom = keyedFrom };
        }

        if (!result.IsValid || !keyed || key is not null)
        {
            return result;
        }

        return result with
        {
            IsValid = false,
            Fault = LedgerFault.KeyRequired,
            Reason = string.Create(CultureInfo.InvariantCulture,
                $"the ledger is keyed (key id {head!.KeyId}, HMAC-SHA256 from seq {keyedFrom}); set {LedgerKey.EnvironmentVariable} to check its HMACs. Without the key only its structure was checked ({result.RowCount} rows, links, head, store cross-checks), which a rebuilt chain can pass"),
        };
    }

    private static LedgerVerification Walk(
        SqliteConnection connection, LedgerHeadRow? head, LedgerKey? key, long keyedFrom, LedgerHeadPin? expectedHead)
    {
        if (head is { IsKeyed: true } && key is not null && !string.Equals(head.KeyId, key.KeyId, StringComparison.Ordinal))
        {
            return LedgerVerification.Invalid(0, keyedFrom, LedgerFault.KeyMismatch,
                $"the key given (key id {key.KeyId}) is not the key this ledger was written with (key id {head.KeyId})");
        }

        var expectedSeq = 1L;
        var prevHash = LedgerHasher.GenesisHash;
        long count = 0;
        // The empty ledger's head (0:000…0) is a prefix of every ledger.
        var pinIsGenesis = expectedHead is not null
            && (expectedHead.Seq == 0 || expectedHead.Seq is null && expectedHead.Hash == LedgerHasher.GenesisHash);
        string? hashAtPin = pinIsGenesis ? LedgerHasher.GenesisHash : null;

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

                if (seq == 1 && key is not null && head is not { IsKeyed: true })
                {
                    return head is null
                        ? LedgerVerification.Invalid(count, null, LedgerFault.HeadMissing,
                            "the ledger has rows but its recorded head (ledger_head), which carries the key marker, is missing: it was deleted")
                        : LedgerVerification.Invalid(count, 1, LedgerFault.NotKeyed,
                            $"{LedgerKey.EnvironmentVariable} is set but the ledger is not keyed: it was written without the key, or rebuilt without it");
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

                var storedHash = reader.IsDBNull(8) ? "" : reader.GetString(8);
                var keyedRow = seq >= keyedFrom;
                // A keyed row without the key: only its links can be checked (above); KeyRequired follows.
                if (!keyedRow || key is not null)
                {
                    var computed = LedgerHasher.Compute(
                        keyedRow ? key : null,
                        prevHash,
                        seq,
                        reader.IsDBNull(1) ? "" : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? "" : reader.GetString(4),
                        reader.IsDBNull(5) ? "" : reader.GetString(5),
                        at);
                    if (!string.Equals(computed, storedHash, StringComparison.Ordinal))
                    {
                        return LedgerVerification.Invalid(count, seq, LedgerFault.HashMismatch,
                            keyedRow
                                ? string.Create(CultureInfo.InvariantCulture, $"seq {seq}: the HMAC does not match the row's content: the row was edited or the chain rebuilt")
                                : string.Create(CultureInfo.InvariantCulture, $"seq {seq}: hash does not match the row's content: the row was edited"));
                    }
                }

                if (expectedHead is { } pin && (pin.Seq == seq || pin.Seq is null && string.Equals(pin.Hash, storedHash, StringComparison.Ordinal)))
                {
                    hashAtPin ??= storedHash;
                }

                prevHash = storedHash;
                count++;
                expectedSeq++;
            }
        }

        return CheckHead(head, key, count, prevHash)
            ?? CheckPin(expectedHead, hashAtPin, count)
            ?? LedgerCrossCheck.Check(connection, count)
            ?? (LedgerVerification.Valid(count) with { Head = new LedgerHeadPin(count, prevHash) });
    }

    private static LedgerVerification? CheckHead(LedgerHeadRow? head, LedgerKey? key, long count, string lastHash)
    {
        var lastSeq = count;
        if (head is null)
        {
            // An empty ledger without a head is a new store, unless the cross-checks find letters or campaigns.
            return count == 0
                ? null
                : LedgerVerification.Invalid(count, null, LedgerFault.HeadMissing,
                    "the ledger has rows but its recorded head (ledger_head) is missing: it was deleted");
        }

        if (head.Seq > lastSeq)
        {
            return LedgerVerification.Invalid(count, lastSeq + 1, LedgerFault.HeadMismatch,
                string.Create(CultureInfo.InvariantCulture,
                    $"the ledger ends at seq {lastSeq} but its head records seq {head.Seq}: the last row(s) were deleted"));
        }

        if (head.Seq < lastSeq || !string.Equals(head.Hash, lastHash, StringComparison.Ordinal))
        {
            return LedgerVerification.Invalid(count, lastSeq, LedgerFault.HeadMismatch,
                string.Create(CultureInfo.InvariantCulture,
                    $"the last row (seq {lastSeq}) is not the recorded head (seq {head.Seq}): rows were added or replaced outside the writer"));
        }

        if (head.IsKeyed && key is not null
            && (head.KeyedFrom is not { } from
                || !string.Equals(head.Mac, LedgerHasher.HeadMac(key, from, head.Seq, head.Hash), StringComparison.Ordinal)))
        {
            return LedgerVerification.Invalid(count, null, LedgerFault.HeadMismatch,
                "the head's MAC does not verify under the key: the head was rewritten (for example after rows were cut off the end)");
        }

        return null;
    }

    private static LedgerVerification? CheckPin(LedgerHeadPin? expected, string? hashAtPin, long count)
    {
        if (expected is null || string.Equals(hashAtPin, expected.Hash, StringComparison.Ordinal))
        {
            return null;
        }

        string reason;
        if (expected.Seq is not { } seq)
        {
            reason = "no row has the expected head's hash: the ledger was rewritten or cut since that head was taken";
        }
        else if (hashAtPin is null)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"the expected head is at seq {seq} but the ledger has only {count} rows: rows were cut off since that head was taken");
        }
        else
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"row {seq} has another hash than the expected head: the ledger was rewritten since that head was taken");
        }

        return LedgerVerification.Invalid(count, expected.Seq, LedgerFault.ExpectedHeadNotFound, reason);
    }
}
