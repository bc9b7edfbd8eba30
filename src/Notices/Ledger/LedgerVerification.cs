namespace Notices.Ledger;

/// <summary>
/// Result of <see cref="LedgerVerifier.Verify"/>. When not valid, <see cref="FirstBadSeq"/> is the first Seq that
/// does not check out (for a deleted row, the missing Seq) and <see cref="Reason"/> says why.
/// </summary>
public sealed record LedgerVerification(
    bool IsValid,
    long RowCount,
    long? FirstBadSeq,
    LedgerFault Fault,
    string Reason)
{
    public static LedgerVerification Valid(long rowCount) =>
        new(true, rowCount, null, LedgerFault.None, rowCount == 0 ? "empty ledger" : "chain intact");

    public static LedgerVerification Invalid(long rowsChecked, long? seq, LedgerFault fault, string reason) =>
        new(false, rowsChecked, seq, fault, reason);
}
