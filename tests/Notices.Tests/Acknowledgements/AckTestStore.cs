using Notices.Model;
using Notices.Tests.Ledger;

namespace Notices.Tests.Acknowledgements;

/// <summary>A store file with campaigns and letters written directly (no PDFs), for recorder tests.</summary>
internal static class AckTestStore
{
    public static readonly DateTimeOffset Made = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static void AddCampaign(LedgerTestStore store, string campaignId, string prefix, int letters)
    {
        store.Db.Campaigns.Add(new CampaignRecord { CampaignId = campaignId, Reference = prefix, NoticeDirectory = "x", CreatedAt = Made });
        for (var i = 1; i <= letters; i++)
        {
            store.Db.Letters.Add(new LetterRecord
            {
                LetterId = LetterId(prefix, i),
                CampaignId = campaignId,
                PatientId = $"{prefix}-P{i}",
                Sequence = i,
                Channel = "Email",
                SnapshotJson = "{}",
                CreatedAt = Made,
            });
        }

        store.Db.SaveChanges();
        store.Db.ChangeTracker.Clear();
    }

    public static string LetterId(string prefix, int n) => $"{prefix}-DK-{n:000000}";
}
