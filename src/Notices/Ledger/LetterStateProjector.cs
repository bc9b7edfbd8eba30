using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Model;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Replays a campaign's ledger rows in Seq order into one final state per letter (see <see cref="LetterDeliveryState"/>):
/// The transitions are <see cref="LetterStateMachine"/>'s; campaign-level batch rows (no letter id) apply to every
/// letter last placed in that batch file.
/// Letters in the <c>letters</c> table without any ledger row show as Pending, so nothing planned goes missing.
/// </summary>
public static class LetterStateProjector
{
    /// <summary>Reads committed rows only: flush the <see cref="LedgerWriter"/> first.</summary>
    public static CampaignProjection Project(NoticesDbContext db, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == campaignId)
            .OrderBy(e => e.Seq)
            .AsEnumerable();
        var letters = db.Letters.AsNoTracking().Where(l => l.CampaignId == campaignId).ToList();
        return Project(campaignId, entries, letters);
    }

    public static CampaignProjection Project(
        string campaignId, IEnumerable<LedgerEntry> entries, IEnumerable<LetterRecord>? letters = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byLetter = new Dictionary<string, LetterAccumulator>(StringComparer.Ordinal);
        foreach (var letter in letters ?? [])
        {
            var acc = Get(byLetter, letter.LetterId);
            acc.PatientId ??= letter.PatientId;
            acc.PdfSha256 ??= letter.PdfSha256;
            if (Enum.TryParse<DeliveryChannelKind>(letter.Channel, ignoreCase: true, out var channel))
            {
                acc.Channel ??= channel;
            }
        }

        foreach (var entry in entries.OrderBy(e => e.Seq))
        {
            if (!string.Equals(entry.CampaignId, campaignId, StringComparison.Ordinal))
            {
                continue;
            }

            var ledgerEvent = entry.ReadEvent();
            if (entry.LetterId is null)
            {
                ApplyToBatch(byLetter, entry, ledgerEvent);
                continue;
            }

            var acc = Get(byLetter, entry.LetterId);
            acc.PatientId ??= entry.PatientId;
            acc.Apply(entry, ledgerEvent);
        }

        // Reminder letters live beside their originals in the ledger and the store; the projection hangs each under its
        // original, so every count stays one per affected patient.
        var recordIds = (letters ?? []).Select(l => l.LetterId).ToHashSet(StringComparer.Ordinal);
        foreach (var acc in byLetter.Values.Where(a => recordIds.Contains(a.LetterId)))
        {
            if (ReminderIds.TryParse(acc.LetterId, out var original, out _) && byLetter.ContainsKey(original))
            {
                acc.MarkReminderById();
            }
        }

        var all = byLetter.Values
            .OrderBy(a => a.LetterId, StringComparer.Ordinal)
            .Select(a => a.ToStatus())
            .ToList();
        var reminders = all.Where(s => s.ReminderOf is not null).ToList();
        var byOriginal = reminders.ToLookup(r => r.ReminderOf!, StringComparer.Ordinal);
        var statuses = all.Where(s => s.ReminderOf is null)
            .Select(s => byOriginal.Contains(s.LetterId) ? s with { Reminders = [.. byOriginal[s.LetterId].OrderBy(r => r.ReminderNumber)] } : s)
            .ToList();
        return new CampaignProjection(campaignId, statuses, reminders);
    }

    /// <summary>Campaign-level batch events (sealed, discarded, submitted, completed, failed, posted) apply to every letter last placed in that batch.</summary>
    private static void ApplyToBatch(Dictionary<string, LetterAccumulator> byLetter, LedgerEntry entry, LedgerEvent ledgerEvent)
    {
        var batch = ledgerEvent switch
        {
            BatchSealed s => s.Batch,
            BatchDiscarded d => d.Batch,
            PrintSubmitted p => p.Batch,
            PrintCompleted c => c.Batch,
            PrintFailed f => f.Batch,
            BatchPosted p => p.Batch,
            _ => null,
        };
        if (batch is null)
        {
            return;
        }

        foreach (var acc in byLetter.Values.Where(a => string.Equals(a.Batch, batch, StringComparison.Ordinal)))
        {
            acc.Apply(entry, ledgerEvent);
        }
    }

    private static LetterAccumulator Get(Dictionary<string, LetterAccumulator> byLetter, string letterId)
    {
        if (!byLetter.TryGetValue(letterId, out var acc))
        {
            acc = new LetterAccumulator(letterId);
            byLetter[letterId] = acc;
        }

        return acc;
    }
}
