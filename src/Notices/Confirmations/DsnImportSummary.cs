using Notices.Model;

namespace Notices.Confirmations;

/// <summary>What one <c>dsn import</c> read, recorded and re-routed.</summary>
public sealed record DsnImportSummary
{
    public required int FilesRead { get; init; }
    /// <summary>Reports recorded in the ledger by this import, in file order.</summary>
    public required IReadOnlyList<RecordedReport> Recorded { get; init; }
    /// <summary>File names of reports an earlier import (or an earlier file of this one) already recorded.</summary>
    public required IReadOnlyList<string> AlreadyImported { get; init; }
    public required IReadOnlyList<UnmatchedMessage> Unmatched { get; init; }
    public required IReadOnlyList<ReroutedLetter> Rerouted { get; init; }
    public required IReadOnlyList<NotReroutedLetter> NotRerouted { get; init; }

    public int Delivered => Count(LedgerEventKind.EmailDelivered);
    public int Delayed => Count(LedgerEventKind.EmailDelayed);
    public int Bounced => Count(LedgerEventKind.EmailBounced);

    /// <summary>Batch files the re-routed letters went to, as &lt;campaign&gt;/print/batch-NNNN.pdf.</summary>
    public IReadOnlyList<string> PrintBatches =>
        Rerouted.Select(r => r.CampaignId + "/print/" + r.Batch).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>False when a bounced letter was left without another way to the patient.</summary>
    public bool EveryBounceCovered => NotRerouted.Count == 0;

    private int Count(LedgerEventKind kind) => Recorded.Count(r => r.Kind == kind);
}
