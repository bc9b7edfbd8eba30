using Notices.Model;

namespace Notices.Confirmations;

/// <summary>What one <c>dsn import</c> read and recorded.</summary>
public sealed record DsnImportSummary
{
    public required int FilesRead { get; init; }
    /// <summary>Reports recorded in the ledger by this import, in file order.</summary>
    public required IReadOnlyList<RecordedReport> Recorded { get; init; }
    /// <summary>File names of reports an earlier import (or an earlier file of this one) already recorded.</summary>
    public required IReadOnlyList<string> AlreadyImported { get; init; }
    public required IReadOnlyList<UnmatchedMessage> Unmatched { get; init; }
    /// <summary>
    /// Campaigns that a matched report (recorded now or earlier) is about, in order: where bounced letters may wait for
    /// another way to the patient (<see cref="Runs.BounceRerouteRun"/>). Never a campaign named only by an unmatched message.
    /// </summary>
    public required IReadOnlyList<string> MatchedCampaigns { get; init; }

    public int Delivered => Count(LedgerEventKind.EmailDelivered);
    public int Delayed => Count(LedgerEventKind.EmailDelayed);
    public int Bounced => Count(LedgerEventKind.EmailBounced);

    /// <summary>Letters this import recorded as bounced.</summary>
    public IReadOnlyList<RecordedReport> BouncedLetters => Recorded.Where(r => r.Kind == LedgerEventKind.EmailBounced).ToList();

    private int Count(LedgerEventKind kind) => Recorded.Count(r => r.Kind == kind);
}
