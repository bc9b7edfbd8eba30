using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Replays a campaign's ledger rows in Seq order into one final state per letter (see <see cref="LetterDeliveryState"/>):
/// <list type="bullet">
/// <item>Acknowledged is sticky: nothing later changes it.</item>
/// <item>A print event (PrintBatched, PrintSubmitted, BatchPosted) makes the letter Printed, also after a failed email
/// (the print fallback); an email failure or bounce after a print does not undo it.</item>
/// <item>EmailWritten/EmailAccepted/EmailDelivered make it Sent; EmailFailed/EmailBounced make it Failed with the reason.</item>
/// <item>Returned makes a printed letter Failed; Unreachable applies unless the letter was delivered some other way.</item>
/// <item>Campaign-level BatchPosted/PrintSubmitted rows (no letter id, detail <c>batch</c>) apply to every letter
/// last placed in that batch file.</item>
/// </list>
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

            var detail = LedgerDetail.Parse(entry.Detail);
            if (entry.LetterId is null)
            {
                ApplyToBatch(byLetter, entry, detail);
                continue;
            }

            var acc = Get(byLetter, entry.LetterId);
            acc.PatientId ??= entry.PatientId;
            acc.Apply(entry, detail);
        }

        var statuses = byLetter.Values
            .OrderBy(a => a.LetterId, StringComparer.Ordinal)
            .Select(a => a.ToStatus())
            .ToList();
        return new CampaignProjection(campaignId, statuses);
    }

    private static void ApplyToBatch(
        Dictionary<string, LetterAccumulator> byLetter, LedgerEntry entry, IReadOnlyDictionary<string, string> detail)
    {
        var isBatchEvent = entry.Kind == nameof(LedgerEventKind.BatchPosted)
            || entry.Kind == nameof(LedgerEventKind.PrintSubmitted);
        if (!isBatchEvent || !detail.TryGetValue("batch", out var batch))
        {
            return;
        }

        foreach (var acc in byLetter.Values.Where(a => string.Equals(a.Batch, batch, StringComparison.Ordinal)))
        {
            acc.Apply(entry, detail);
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
