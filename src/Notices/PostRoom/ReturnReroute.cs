using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Runs;
using Notices.Store;

namespace Notices.PostRoom;

/// <summary>
/// Which returned letters <c>send</c> re-routes to email: an original letter whose last state is returned (so not
/// acknowledged and not re-sent since) and whose patient has a usable email address (the patient's current consented,
/// valid one, else the letter's own: <see cref="UsableEmail"/>). An address that already bounced or was refused for this letter is not tried again. Returned reminders are left to <c>remind</c>,
/// whose next round goes by email for a returned letter.
/// </summary>
public static class ReturnReroute
{
    /// <summary>The address to re-route to, or null when the letter is no candidate.</summary>
    public static string? EmailFor(LetterStatus status, PlannedLetter? snapshot, string? usableEmail)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.ReminderOf is not null || status.Stage != LetterState.Returned || string.IsNullOrWhiteSpace(usableEmail))
        {
            return null;
        }

        var emailFailed = status.Timeline.EmailBounced is not null || status.Timeline.EmailFailed is not null;
        var sameAddress = string.Equals(snapshot?.Recipient.Email?.Trim(), usableEmail.Trim(), StringComparison.OrdinalIgnoreCase);
        return emailFailed && sameAddress ? null : usableEmail.Trim();
    }

    /// <summary>
    /// The address a returned letter could go to: the patient's current consented, valid one (an address given after the
    /// letter went out wins), else the letter's own when it went by email before.
    /// </summary>
    public static string? UsableEmail(PlannedLetter? snapshot, string? currentEmail) =>
        !string.IsNullOrWhiteSpace(currentEmail) ? currentEmail
        : snapshot is { Channel: DeliveryChannelKind.Email, Recipient.Email: { Length: > 0 } own } ? own
        : null;

    /// <summary>The campaign's re-route candidates by letter id (ids only: no address leaves this method).</summary>
    public static IReadOnlyList<string> Candidates(NoticesDbContext db, CampaignProjection projection)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(projection);
        var returned = projection.Letters.Where(l => l.Stage == LetterState.Returned).ToList();
        if (returned.Count == 0)
        {
            return [];
        }

        var ids = returned.Select(l => l.LetterId).ToList();
        var records = db.Letters.AsNoTracking()
            .Where(l => l.CampaignId == projection.CampaignId && ids.Contains(l.LetterId))
            .ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var patientIds = records.Values.Select(r => r.PatientId).Distinct(StringComparer.Ordinal).ToList();
        var patients = db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.PatientId)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        var candidates = new List<string>();
        foreach (var status in returned)
        {
            var record = records.GetValueOrDefault(status.LetterId);
            var snapshot = record is null ? null : LetterSnapshot.TryFromJson(record.SnapshotJson);
            var patient = record is null ? null : patients.GetValueOrDefault(record.PatientId);
            if (EmailFor(status, snapshot, UsableEmail(snapshot, patient is { CanReceiveEmail: true } ? patient.Email : null)) is not null)
            {
                candidates.Add(status.LetterId);
            }
        }

        return candidates;
    }
}
