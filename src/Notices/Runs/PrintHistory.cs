using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.Runs;

/// <summary>Reads every sealed batch of a campaign with its print events from the ledger, in batch order.</summary>
public static class PrintHistory
{
    private static readonly LedgerEventKind[] Kinds =
        [LedgerEventKind.BatchSealed, LedgerEventKind.PrintSubmitted, LedgerEventKind.PrintCompleted, LedgerEventKind.PrintFailed];

    public static IReadOnlyList<BatchPrintHistory> Read(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var batches = new Dictionary<string, BatchPrintHistory>(StringComparer.Ordinal);
        var rows = db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId == null && Kinds.Contains(e.Kind))
            .OrderBy(e => e.Seq)
            .AsEnumerable();
        foreach (var row in rows)
        {
            switch (row.ReadEvent())
            {
                case BatchSealed seal:
                    batches[seal.Batch] = new BatchPrintHistory(seal, row.Hash);
                    break;
                case PrintSubmitted { Batch: var b } e when batches.TryGetValue(b, out var history):
                    history.Apply(e);
                    break;
                case PrintCompleted { Batch: var b } e when batches.TryGetValue(b, out var history):
                    history.Apply(e);
                    break;
                case PrintFailed { Batch: var b } e when batches.TryGetValue(b, out var history):
                    history.Apply(e);
                    break;
            }
        }

        return [.. batches.Values.OrderBy(b => b.Batch, StringComparer.Ordinal)];
    }
}
