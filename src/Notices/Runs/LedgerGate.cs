using Notices.Ledger;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// Nothing is delivered or recorded on top of a ledger that does not verify. Writing on would hide the tampering
/// (a new head over a cut chain) and act on a false history: letters whose rows were deleted would be sent again,
/// sealed batches set aside and batched twice. So <c>send</c> and <c>dsn import</c> check the whole ledger first
/// (chain, head, key, cross-checks, state machine: what <c>verify</c> checks) and stop with exit 1 when it fails.
/// </summary>
public static class LedgerGate
{
    /// <exception cref="LedgerNotIntactException">The ledger does not verify; nothing was done.</exception>
    public static void EnsureIntact(NoticesDbContext db, string command)
    {
        var result = LedgerVerifier.Verify(db);
        if (!result.IsValid)
        {
            throw new LedgerNotIntactException(
                $"the ledger does not verify ({result.Reason}); {command} did nothing. Run 'notices verify', and restore the "
                + "store from a backup (or investigate the change) before sending again.");
        }
    }
}
