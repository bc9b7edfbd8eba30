using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Records;

/// <summary>
/// Imports patients.csv and (optionally) devices.csv into the store in one transaction. Both files are read record by
/// record and written as they are validated, so memory stays the size of a record whatever the size of the files;
/// every error is collected, and when there is any the transaction is rolled back: nothing is imported.
/// </summary>
public sealed class RecordsImporter(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Imports <paramref name="patientsPath"/> and, when given, <paramref name="devicesPath"/>. Patients are upserted by
    /// patient_id; each patient named in the devices file gets exactly that file's devices. The context's change
    /// tracker is cleared when writing. Store failures (I/O, locks) throw; bad input never does.
    /// </summary>
    public ImportResult Import(NoticesDbContext db, string patientsPath, string? devicesPath)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(patientsPath);
        var issues = new ImportIssueCollector(ImportResult.MaxListedIssues);
        var files = new List<ImportFileSummary>();
        var counts = new ImportCounts();

        // Entities the caller's context tracks would go stale under the raw writes of the session.
        db.ChangeTracker.Clear();
        using var transaction = db.Database.BeginTransaction();
        var patientsRead = false;
        using (var session = new ImportSession(db))
        {
            var patientsUsable = false;
            using (var patients = CsvFile.Open(patientsPath, issues))
            {
                if (patients is not null)
                {
                    patientsUsable = PatientsFile.Import(patients, session, issues, counts, _time.GetUtcNow());
                    files.Add(patients.Summary);
                    patientsRead = true;
                }
            }

            if (devicesPath is not null)
            {
                using var devices = CsvFile.Open(devicesPath, issues);
                if (devices is not null)
                {
                    DevicesFile.Import(devices, session, patientsUsable, Path.GetFileName(patientsPath), issues, counts);
                    files.Add(devices.Summary);
                }
            }
        }

        if (issues.TotalErrors > 0 || !patientsRead)
        {
            transaction.Rollback();
            return Result(issues, files, null);
        }

        transaction.Commit();
        return Result(issues, files, counts);
    }

    private static ImportResult Result(ImportIssueCollector issues, IReadOnlyList<ImportFileSummary> files, ImportCounts? counts) => new()
    {
        Errors = issues.Errors,
        Warnings = issues.Warnings,
        TotalErrors = issues.TotalErrors,
        TotalWarnings = issues.TotalWarnings,
        PatientsAdded = counts?.Added ?? 0,
        PatientsUpdated = counts?.Updated ?? 0,
        PatientsUnchanged = counts?.Unchanged ?? 0,
        DevicesImported = counts?.Devices ?? 0,
        Files = files,
    };
}
