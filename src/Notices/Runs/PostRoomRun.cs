using Notices.PostRoom;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// The post room's commands (<c>batch posted</c>, <c>batch printed</c>, <c>returned</c>) under the campaign's own
/// <c>post</c> lock (two of them never overlap; a send or print may go on) and on a ledger that verifies.
/// </summary>
public sealed class PostRoomRun(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    public const string LockScope = "post";

    /// <exception cref="CampaignBusyException">Another post-room command holds the campaign.</exception>
    /// <exception cref="LedgerNotIntactException">The ledger does not verify; nothing was recorded.</exception>
    /// <exception cref="PostRoomRefusedException">The batch or date was refused; nothing was recorded.</exception>
    public (string Batch, DateOnly Date) Posted(string campaignId, string batch, DateOnly? date)
    {
        using var runLock = CampaignRunLock.Acquire(db, campaignId, "batch posted", LockScope);
        LedgerGate.EnsureIntact(db, "batch posted");
        return new PostingRecorder(db, timeProvider).Posted(campaignId, batch, date);
    }

    public (string Batch, DateOnly Date) Printed(string campaignId, string batch, DateOnly? date)
    {
        using var runLock = CampaignRunLock.Acquire(db, campaignId, "batch printed", LockScope);
        LedgerGate.EnsureIntact(db, "batch printed");
        return new PostingRecorder(db, timeProvider).Printed(campaignId, batch, date);
    }

    /// <param name="checkOnly">The input had problems of its own: check the rest so one run lists every problem, record nothing.</param>
    public (IReadOnlyList<RecordedReturn> Recorded, IReadOnlyList<ReturnProblem> Problems) Returned(
        string campaignId, IReadOnlyList<ReturnRequest> requests, bool checkOnly)
    {
        using var runLock = CampaignRunLock.Acquire(db, campaignId, "returned", LockScope);
        LedgerGate.EnsureIntact(db, "returned");
        return new ReturnRecorder(db, timeProvider).Record(campaignId, requests, checkOnly);
    }

    public bool CampaignExists(string campaignId) => db.Campaigns.Any(c => c.CampaignId == campaignId);
}
