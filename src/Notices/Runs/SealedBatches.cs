using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.Runs;

/// <summary>The print batches the ledger records as sealed for a campaign (file name → SHA-256).</summary>
public static class SealedBatches
{
    public static IReadOnlyDictionary<string, string> Read(NoticesDbContext db, string campaignId) =>
        ReadSeals(db, campaignId).ToDictionary(s => s.Key, s => s.Value.Sha256, StringComparer.Ordinal);

    /// <summary>Each sealed batch's manifest-rows SHA-256 (file name → SHA-256).</summary>
    public static IReadOnlyDictionary<string, string> ReadManifests(NoticesDbContext db, string campaignId) =>
        ReadSeals(db, campaignId).ToDictionary(s => s.Key, s => s.Value.Manifest, StringComparer.Ordinal);

    private static Dictionary<string, BatchSealed> ReadSeals(NoticesDbContext db, string campaignId)
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
