using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Records;

namespace Notices.Store;

/// <summary>Reads patients with their devices from the store in pages, so a national campaign is not loaded at once.</summary>
public sealed class StorePatientRecordSource(NoticesDbContext db, int pageSize = 2000) : IPatientRecordSource
{
    public IEnumerable<PatientRecords> ReadAll()
    {
        string? after = null;
        while (true)
        {
            var query = db.Patients.AsNoTracking();
            if (after is not null)
            {
                // Translated to SQL, where SQLite compares with its binary (ordinal) collation.
#pragma warning disable CA1309
                query = query.Where(p => string.Compare(p.PatientId, after) > 0);
#pragma warning restore CA1309
            }

            var page = query.OrderBy(p => p.PatientId).Take(pageSize).ToList();
            if (page.Count == 0)
            {
                yield break;
            }

            var ids = page.Select(p => p.PatientId).ToList();
            var devices = db.Devices.AsNoTracking().Where(d => ids.Contains(d.PatientId)).OrderBy(d => d.Id).ToList()
                .ToLookup(d => d.PatientId, StringComparer.Ordinal);
            foreach (var patient in page)
            {
                yield return new PatientRecords(patient, devices[patient.PatientId].ToList());
            }

            after = page[^1].PatientId;
        }
    }
}
