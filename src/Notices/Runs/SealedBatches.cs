using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.Runs;

/// <summary>The print batches the ledger records as sealed for a campaign, by file name.</summary>
public static class SealedBatches
{
    public static IReadOnlyDictionary<string, BatchSealed> Read(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sealedBatches = new Dictionary<string, BatchSealed>(StringComparer.Ordinal);
        var rows = db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.LetterId == null && e.Kind == LedgerEventKind.BatchSealed)
            .OrderBy(e => e.Seq)
            .AsEnumerable();
        foreach (var row in rows)
        {
            if (row.ReadEvent() is BatchSealed seal)
            {
                sealedBatches[seal.Batch] = seal;
            }
        }

        return sealedBatches;
    }
}
