using Notices.Store;

namespace Notices.Records;

/// <summary>
/// Imports patients.csv and (optionally) devices.csv into the store. Reads and validates both files completely,
/// collecting every error; writes nothing when there is any structural error, else writes everything in one transaction.
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

        var patientsTable = CsvTable.Read(patientsPath, issues);
        PatientsFile? patients = null;
        if (patientsTable is not null)
        {
            files.Add(patientsTable.Summary);
            patients = PatientsFile.Parse(patientsTable, issues);
        }

        DevicesFile? devices = null;
        if (devicesPath is not null)
        {
            var devicesTable = CsvTable.Read(devicesPath, issues);
            if (devicesTable is not null)
            {
                files.Add(devicesTable.Summary);
                var isKnown = patients is { Usable: true } ? KnownPatients(db, patients, devicesTable) : null;
                devices = DevicesFile.Parse(devicesTable, isKnown, Path.GetFileName(patientsPath), issues);
            }
        }

        if (issues.TotalErrors > 0 || patients is null)
        {
            return Result(issues, files, null);
        }

        var counts = RecordsStoreWriter.Write(
            db,
            patients.Patients.Select(p => p.Patient).ToList(),
            devices?.Devices.Select(d => d.Device).ToList() ?? [],
            _time.GetUtcNow());
        return Result(issues, files, counts);
    }

    /// <summary>Patient ids of the devices file are known when patients.csv has them or the store already does.</summary>
    private static Func<string, bool> KnownPatients(NoticesDbContext db, PatientsFile patients, CsvTable devicesTable)
    {
        var lookup = DevicesFile.PatientIds(devicesTable)
            .Where(id => !patients.MentionedIds.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var inStore = lookup.Count == 0
            ? []
            : db.Patients.Where(p => lookup.Contains(p.PatientId)).Select(p => p.PatientId).ToHashSet(StringComparer.Ordinal);
        return id => patients.MentionedIds.Contains(id) || inStore.Contains(id);
    }

    private static ImportResult Result(ImportIssueCollector issues, IReadOnlyList<ImportFileSummary> files, RecordsStoreWriter.Counts? counts) => new()
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
