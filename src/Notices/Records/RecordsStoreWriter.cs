using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Records;

/// <summary>Writes validated patients and devices to the store in one transaction.</summary>
internal static class RecordsStoreWriter
{
    public sealed record Counts(int Added, int Updated, int Unchanged, int Devices);

    private static readonly string[] _patientProperties =
    [
        nameof(Patient.PatientId), nameof(Patient.FirstName), nameof(Patient.LastName), nameof(Patient.AddressLine1),
        nameof(Patient.AddressLine2), nameof(Patient.PostalCode), nameof(Patient.City), nameof(Patient.Country),
        nameof(Patient.Email), nameof(Patient.EmailConsent), nameof(Patient.EmailValid), nameof(Patient.LargePrint),
        nameof(Patient.UpdatedAt),
    ];

    private static readonly string[] _deviceProperties =
    [
        nameof(Device.PatientId), nameof(Device.Manufacturer), nameof(Device.Model), nameof(Device.SerialNumber),
        nameof(Device.SoftwareVersion),
    ];

    /// <summary>
    /// Upserts <paramref name="patients"/> by patient_id (UpdatedAt set only when data changed) and replaces the
    /// device set of every patient that owns a row in <paramref name="devices"/>. All or nothing.
    /// </summary>
    public static Counts Write(NoticesDbContext db, IReadOnlyList<Patient> patients, IReadOnlyList<Device> devices, DateTimeOffset now)
    {
        // Entities the caller's context tracks would go stale under the raw writes below.
        db.ChangeTracker.Clear();
        using var transaction = db.Database.BeginTransaction();

        var ids = patients.Select(p => p.PatientId).ToList();
        var existing = db.Patients.AsNoTracking()
            .Where(p => ids.Contains(p.PatientId))
            .ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        int added = 0, updated = 0, unchanged = 0;
        using (var upsert = new EntityRowWriter<Patient>(db, _patientProperties, upsertKey: nameof(Patient.PatientId)))
        {
            foreach (var patient in patients)
            {
                if (existing.TryGetValue(patient.PatientId, out var stored))
                {
                    if (PatientData.DifferingColumns(stored, patient).Count == 0 && stored.EmailValid == patient.EmailValid)
                    {
                        unchanged++;
                        continue;
                    }

                    updated++;
                }
                else
                {
                    added++;
                }

                patient.UpdatedAt = now;
                upsert.Write(patient);
            }
        }

        var owners = devices.Select(d => d.PatientId).Distinct(StringComparer.Ordinal).ToList();
        if (owners.Count > 0)
        {
            db.Devices.Where(d => owners.Contains(d.PatientId)).ExecuteDelete();
            using var insert = new EntityRowWriter<Device>(db, _deviceProperties);
            foreach (var device in devices)
            {
                insert.Write(device);
            }
        }

        transaction.Commit();
        return new Counts(added, updated, unchanged, devices.Count);
    }
}
