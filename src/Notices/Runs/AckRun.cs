using Notices.Acknowledgements;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One <c>notices ack</c> command: under the campaign's <c>ack</c> lock (two ack commands never overlap; a send may go
/// on) and on a ledger that verifies, checks every acknowledgement and records them all or none
/// (<see cref="AckPolicy.AllOrNothing"/>). When the input already had problems of its own (a bad date in the file),
/// the rest is still checked, so that one run lists every problem, and nothing is recorded.
/// </summary>
public sealed class AckRun(NoticesDbContext db, TimeProvider? timeProvider = null)
{
    /// <param name="inputHasProblems">The input (file or command line) had problems of its own: check only.</param>
    /// <exception cref="CampaignBusyException">Another ack command holds the campaign.</exception>
    /// <exception cref="LedgerNotIntactException">The ledger does not verify; nothing was checked or recorded.</exception>
    public AckOutcome Run(string campaignId, IReadOnlyList<AckRequest> requests, bool inputHasProblems, string command = "ack")
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var runLock = CampaignRunLock.Acquire(db, campaignId, command, scope: "ack");
        LedgerGate.EnsureIntact(db, command);
        var recorder = new AcknowledgementRecorder(db, timeProvider);
        if (!inputHasProblems)
        {
            return recorder.Record(campaignId, requests, AckPolicy.AllOrNothing);
        }

        var (_, problems, skipped) = recorder.Check(campaignId, requests, AckPolicy.AllOrNothing);
        return new AckOutcome([], problems, skipped) { RecordedNothingBecauseOfProblems = true };
    }

    /// <summary>Whether the store knows the campaign (it has been sent at least once).</summary>
    public bool CampaignExists(string campaignId) => db.Campaigns.Any(c => c.CampaignId == campaignId);
}
