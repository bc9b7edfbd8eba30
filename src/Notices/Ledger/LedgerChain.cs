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
