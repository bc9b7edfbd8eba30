using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Notices.Ledger;

/// <summary>
/// How <see cref="LedgerWriter"/> hashes the rows it appends and records the head, decided from the stored head and
/// the key it was given. Without a key, and on a ledger that was never keyed, rows are SHA-256 as before. With a key,
/// rows are HMAC-SHA256 and the head carries the key id, the first keyed Seq and the head MAC. A ledger started
/// without a key becomes keyed from the next Seq on the first keyed write (the rows before stay SHA-256, and are
/// still protected because the first keyed row's HMAC covers the hash of the last one before it). Once keyed, the
/// ledger refuses writes without its key or with another one, so it never silently falls back to plain SHA-256.
/// <para>
/// Two checks stop a tampered ledger from being laundered by the next honest write: a keyed head must carry a valid
/// MAC before anything chains on it (else a cut tail plus a fixed head would be re-signed), and a new chain is not
/// started while the store has letters with rendered PDFs (else an emptied ledger would simply start again).
/// </para>
/// </summary>
internal sealed class LedgerChain
{
    private readonly LedgerKey? _key;
    private readonly long? _keyedFrom;

    private LedgerChain(LedgerKey? key, long? keyedFrom)
    {
        _key = key;
        _keyedFrom = keyedFrom;
    }

    /// <summary>Checks the stored head against the key and decides how the next rows are hashed.</summary>
    /// <exception cref="LedgerKeyException">The ledger is keyed and the key is missing or another one.</exception>
    /// <exception cref="InvalidOperationException">The head or the store shows the ledger was altered; nothing may be appended.</exception>
    public static LedgerChain Open(SqliteConnection connection, SqliteTransaction? transaction, LedgerKey? key)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Open(connection, transaction, key, LedgerHeadTable.ReadRow(connection, transaction));
    }

    /// <summary>As <see cref="Open(SqliteConnection, SqliteTransaction?, LedgerKey?)"/>, with the head row the caller read in <paramref name="transaction"/>.</summary>
    public static LedgerChain Open(SqliteConnection connection, SqliteTransaction? transaction, LedgerKey? key, LedgerHeadRow? head)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (head is { IsKeyed: true })
        {
            if (key is null)
            {
                throw new LedgerKeyException(
                    $"This store's ledger is keyed (key id {head.KeyId}); set {LedgerKey.EnvironmentVariable} to its key to write to it.");
            }

            if (!string.Equals(key.KeyId, head.KeyId, StringComparison.Ordinal))
            {
                throw new LedgerKeyException(
                    $"{LedgerKey.EnvironmentVariable} is not the key of this store's ledger (ledger key id {head.KeyId}, given key id {key.KeyId}).");
            }

            if (head.KeyedFrom is not { } from
                || !string.Equals(head.Mac, LedgerHasher.HeadMac(key, from, head.Seq, head.Hash), StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    "The ledger head does not verify under the ledger key: the ledger was altered. Run 'notices verify'; nothing was written.");
            }

            return new LedgerChain(key, from);
        }

        var lastSeq = head?.Seq ?? LastSeq(connection, transaction);
        if (lastSeq == 0)
        {
            ThrowIfLettersWereRendered(connection, transaction);
        }
        else if (head is null)
        {
            ThrowIfLastRowIsKeyed(connection, transaction);
        }

        return new LedgerChain(key, key is null ? null : lastSeq + 1);
    }

    /// <summary>The hash of the row with this content, chained on <paramref name="prevHash"/>.</summary>
    public string Hash(
        string prevHash, long seq, string campaignId, string? letterId, string? patientId,
        string kind, string detail, DateTimeOffset at) =>
        LedgerHasher.Compute(_key, prevHash, seq, campaignId, letterId, patientId, kind, detail, at);

    /// <summary>The new head (and, keyed, its MAC), which the writer records in its transaction.</summary>
    public LedgerHeadRow HeadRow(long seq, string hash) =>
        _key is null
            ? new LedgerHeadRow(seq, hash, null, null, null)
            : new LedgerHeadRow(seq, hash, _key.KeyId, _keyedFrom, LedgerHasher.HeadMac(_key, _keyedFrom!.Value, seq, hash));

    private static long LastSeq(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT COALESCE(MAX(Seq), 0) FROM ledger;";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rows but no head is a ledger written before the head existed, whose rows are plain SHA-256. A last row that is
    /// not is a keyed ledger whose head (the key marker) was deleted: chaining on it would re-key it from the next Seq,
    /// or fall back to SHA-256, over whatever was cut.
    /// </summary>
    private static void ThrowIfLastRowIsKeyed(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText =
            "SELECT Seq, CampaignId, LetterId, PatientId, Kind, Detail, At, PrevHash, Hash FROM ledger ORDER BY Seq DESC LIMIT 1;";
        using var reader = cmd.ExecuteReader();
        if (!reader.Read())
        {
            return;
        }

        var plain = DateTimeOffset.TryParse(reader.IsDBNull(6) ? "" : reader.GetString(6), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at)
            && string.Equals(
                LedgerHasher.Compute(
                    reader.IsDBNull(7) ? "" : reader.GetString(7),
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? "" : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? "" : reader.GetString(4),
                    reader.IsDBNull(5) ? "" : reader.GetString(5),
                    at),
                reader.IsDBNull(8) ? "" : reader.GetString(8),
                StringComparison.Ordinal);
        if (!plain)
        {
            throw new InvalidOperationException(
                "The ledger has rows but no recorded head, and its last row is not a plain SHA-256 row: the head of a keyed ledger was deleted, or the row was altered. Run 'notices verify'; nothing was written.");
        }
    }

    private static void ThrowIfLettersWereRendered(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var rendered = LedgerCrossCheck.CountRenderedLetters(connection, transaction);
        if (rendered > 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The ledger is empty but the store has letters with rendered PDFs ({rendered}): ledger rows were deleted. Run 'notices verify'; nothing was written."));
        }
    }
}
