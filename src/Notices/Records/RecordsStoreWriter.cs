using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Records;

/// <summary>Writes validated patients and devices to the store in one transaction.</summary>
internal static class RecordsStoreWriter
{
    public sealed record Counts(int Added, int Updated, int Unchanged, int Devices);

    /// <summary>
    /// Upserts <paramref name="patients"/> by patient_id (UpdatedAt set only when data changed) and replaces the
    /// device set of every patient that owns a row in <paramref name="devices"/>. All or nothing.
    /// </summary>
    public static Counts Write(NoticesDbContext db, IReadOnlyList<Patient> patients, IReadOnlyList<Device> devices, DateTimeOffset now)
    {
        using var transaction = db.Database.BeginTransaction();
        try
        {
            var ids = patients.Select(p => p.PatientId).ToList();
            var existing = db.Patients.Where(p => ids.Contains(p.PatientId)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
            int added = 0, updated = 0, unchanged = 0;
            var newPatients = new List<Patient>();
            foreach (var patient in patients)
            {
                if (existing.TryGetValue(patient.PatientId, out var stored))
                {
                    if (PatientData.DifferingColumns(stored, patient).Count == 0 && stored.EmailValid == patient.EmailValid)
                    {
                        unchanged++;
                        continue;
                    }

                    PatientData.CopyTo(patient, stored);
                    stored.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    patient.UpdatedAt = now;
                    newPatients.Add(patient);
                    added++;
                }
            }

            db.Patients.AddRange(newPatients);
            db.SaveChanges();

            var owners = devices.Select(d => d.PatientId).Distinct(StringComparer.Ordinal).ToList();
            if (owners.Count > 0)
            {
                db.Devices.Where(d => owners.Contains(d.PatientId)).ExecuteDelete();
                db.Devices.AddRange(devices);
                db.SaveChanges();
            }

            transaction.Commit();
            return new Counts(added, updated, unchanged, devices.Count);
        }
        finally
        {
            // The entities are not needed after a bulk import, and after a failure they must not be saved later.
            db.ChangeTracker.Clear();
        }
    }
}
