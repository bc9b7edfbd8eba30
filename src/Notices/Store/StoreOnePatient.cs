using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;

namespace Notices.Store;

/// <summary>
/// One patient of the store as the planner's record source and letter-id registry, so that a single letter can be
/// planned with exactly the matching and channel choice of a whole campaign (<c>preview --patient</c>).
/// Reads only.
/// </summary>
public sealed class StoreOnePatient(NoticesDbContext db, string patientId) : IPatientRecordSource, ILetterIdRegistry
{
    public bool Exists => db.Patients.AsNoTracking().Any(p => p.PatientId == patientId);

    /// <summary>
    /// The store's spelling of <paramref name="typed"/>, with case ignored as the import and <c>plan --explain</c>
    /// compare ids (P7 for p7); null when no patient has it. Scans the ids only when no exact match exists.
    /// </summary>
    public static string? FindId(NoticesDbContext db, string typed)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Patients.AsNoTracking().Any(p => p.PatientId == typed))
        {
            return typed;
        }

        var key = Exclusions.PatientKey(typed);
        return db.Patients.AsNoTracking().Select(p => p.PatientId).AsEnumerable()
            .FirstOrDefault(id => string.Equals(Exclusions.PatientKey(id), key, StringComparison.Ordinal));
    }

    public IEnumerable<PatientRecords> ReadAll()
    {
        var patient = db.Patients.AsNoTracking().SingleOrDefault(p => p.PatientId == patientId);
        if (patient is null)
        {
            yield break;
        }

        var devices = db.Devices.AsNoTracking().Where(d => d.PatientId == patientId).OrderBy(d => d.Id).ToList();
        yield return new PatientRecords(patient, devices);
    }

    /// <summary>The patient's original letter id in the campaign, when one was given out; nothing else.</summary>
    public IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId)
    {
        var letterId = db.Letters.AsNoTracking()
            .Where(l => l.CampaignId == campaignId && l.PatientId == patientId && l.ReminderOf == null)
            .Select(l => l.LetterId)
            .FirstOrDefault();
        return letterId is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal) { [patientId] = letterId };
    }

    /// <summary>0: a patient without a letter id gets a preview id from the caller, never a real sequence number.</summary>
    public int HighestSequence(string campaignId) => 0;
}
