using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;

namespace Notices.Store;

/// <summary>Letter ids already stored for a campaign.</summary>
public sealed class StoreLetterIdRegistry(NoticesDbContext db) : ILetterIdRegistry
{
    public IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId) =>
        db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId)
            .ToDictionary(l => l.PatientId, l => l.LetterId, StringComparer.Ordinal);

    public int HighestSequence(string campaignId) =>
        db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId).Max(l => (int?)l.Sequence) ?? 0;
}
