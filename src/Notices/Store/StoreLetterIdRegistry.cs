using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;

namespace Notices.Store;

/// <summary>Original letter ids already stored for a campaign (reminders are not planned letters).</summary>
public sealed class StoreLetterIdRegistry(NoticesDbContext db) : ILetterIdRegistry
{
    public IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId) =>
        db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId && l.ReminderOf == null)
            .ToDictionary(l => l.PatientId, l => l.LetterId, StringComparer.Ordinal);

    public int HighestSequence(string campaignId) =>
        db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId && l.ReminderOf == null).Max(l => (int?)l.Sequence) ?? 0;
}
