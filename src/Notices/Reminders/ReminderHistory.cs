using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Runs;
using Notices.Store;

namespace Notices.Reminders;

/// <summary>
/// Reads what the due rule needs from the ledger and the store: for every original letter its letter date and last
/// hand-over day, the as-of date of each of its reminders, and the ways the patient can be reached.
/// </summary>
public static class ReminderHistory
{
    public static IReadOnlyList<ReminderFacts> Read(NoticesDbContext db, CampaignProjection projection)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(projection);
        var letterDates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var handedOver = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var reminderAsOf = new Dictionary<string, Dictionary<int, DateOnly>>(StringComparer.Ordinal);
        var kinds = new[]
        {
            LedgerEventKind.LetterRendered, LedgerEventKind.EmailWritten, LedgerEventKind.EmailAccepted,
            LedgerEventKind.PrintBatched, LedgerEventKind.ReminderPlanned,
        };
        var entries = db.Ledger.AsNoTracking()
            .Where(e => e.CampaignId == projection.CampaignId && e.LetterId != null && kinds.Contains(e.Kind))
            .OrderBy(e => e.Seq)
            .AsEnumerable();
        foreach (var entry in entries)
        {
            var letterId = entry.LetterId!;
            switch (entry.ReadEvent())
            {
                case LetterRendered rendered when DateOnly.TryParseExact(rendered.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    letterDates[letterId] = date;
                    break;
                case EmailWritten or EmailAccepted or PrintBatched:
                    handedOver[letterId] = DateOnly.FromDateTime(entry.At.ToLocalTime().DateTime);
                    break;
                case ReminderPlanned planned:
                    if (!reminderAsOf.TryGetValue(planned.OriginalLetterId, out var rounds))
                    {
                        reminderAsOf[planned.OriginalLetterId] = rounds = [];
                    }

                    rounds[planned.Number] = planned.AsOf;
                    break;
            }
        }

        var records = db.Letters.AsNoTracking()
            .Where(l => l.CampaignId == projection.CampaignId && l.ReminderOf == null)
            .ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var patientIds = records.Values.Select(r => r.PatientId).ToList();
        var patients = db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.PatientId))
            .ToDictionary(p => p.PatientId, StringComparer.Ordinal);

        var facts = new List<ReminderFacts>(projection.Letters.Count);
        foreach (var original in projection.Letters)
        {
            var snapshot = records.TryGetValue(original.LetterId, out var record) ? LetterSnapshot.TryFromJson(record.SnapshotJson) : null;
            var patient = record is not null && patients.TryGetValue(record.PatientId, out var p) ? p : null;
            facts.Add(new ReminderFacts(original)
            {
                LetterDate = letterDates.TryGetValue(original.LetterId, out var d) ? d : null,
                HandedOverOn = handedOver.TryGetValue(original.LetterId, out var h) ? h : null,
                ReminderAsOf = reminderAsOf.TryGetValue(original.LetterId, out var r) ? r : new Dictionary<int, DateOnly>(),
                HasPostalAddress = snapshot?.Recipient.HasPostalAddress == true,
                UsableEmail = UsableEmail(snapshot, patient),
            });
        }

        return facts;
    }

    /// <summary>The letter's own address when it went by email; else the patient's current one when they consented and it is valid.</summary>
    public static string? UsableEmail(PlannedLetter? snapshot, Patient? patient)
    {
        if (snapshot is { Channel: DeliveryChannelKind.Email, Recipient.Email: { Length: > 0 } own })
        {
            return own;
        }

        return patient is { CanReceiveEmail: true } ? patient.Email : null;
    }
}
