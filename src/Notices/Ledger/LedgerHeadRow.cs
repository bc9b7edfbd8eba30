namespace Notices.Ledger;

/// <summary>
/// The one row of <c>ledger_head</c>: the last Seq and Hash, and for a keyed chain the key id (never the key), the
/// first keyed Seq, and the head's MAC (<see cref="LedgerHasher.HeadMac"/>).
/// </summary>
internal sealed record LedgerHeadRow(long Seq, string Hash, string? KeyId, long? KeyedFrom, string? Mac)
{
    public bool IsKeyed => KeyId is not null;
}
