namespace Notices.Ledger;

/// <summary>
/// Result of <see cref="LedgerVerifier.Verify(Microsoft.Data.Sqlite.SqliteConnection, LedgerKey?, LedgerHeadPin?)"/>.
/// When not valid, <see cref="FirstBadSeq"/> is the first Seq that does not check out (for a deleted row, the missing
/// Seq; null for faults of the head or the store as a whole) and <see cref="Reason"/> says why.
/// <see cref="LedgerFault.KeyRequired"/> is not valid either: a keyed ledger checked without its key.
/// </summary>
public sealed record LedgerVerification(
    bool IsValid,
    long RowCount,
    long? FirstBadSeq,
    LedgerFault Fault,
    string Reason)
{
    /// <summary>The key id recorded in the head when the ledger is keyed (never the key).</summary>
    public string? KeyId { get; init; }

    /// <summary>The first Seq hashed with the key, when the ledger is keyed.</summary>
    public long? KeyedFrom { get; init; }

    /// <summary>The last row as <c>seq:hash</c>, when the whole chain was read.</summary>
    public LedgerHeadPin? Head { get; init; }

    public static LedgerVerification Valid(long rowCount) =>
        new(true, rowCount, null, LedgerFault.None, rowCount == 0 ? "empty ledger" : "chain intact");

    public static LedgerVerification Invalid(long rowsChecked, long? seq, LedgerFault fault, string reason) =>
        new(false, rowsChecked, seq, fault, reason);
}
