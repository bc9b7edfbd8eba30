using Notices.Model;
using System.Globalization;

namespace Notices.Records;

/// <summary>
/// Validates the rows of devices.csv one at a time and writes each valid device through the <see cref="ImportSession"/>,
/// reporting errors and warnings with their lines. Each patient named in the file gets exactly the file's devices.
/// </summary>
internal static class DevicesFile
{
    /// <param name="file">The devices file.</param>
    /// <param name="session">The import's store side, which knows the ids of patients.csv and of the store.</param>
    /// <param name="checkKnownPatients">False when patients.csv could not be read (already an error): an id that is
    /// not known is then not reported again.</param>
    /// <param name="patientsFile">The name of the patients file, for messages.</param>
    /// <param name="issues">Where errors and warnings go.</param>
    /// <param name="counts">Counts the devices written.</param>
    public static void Import(CsvFile file, ImportSession session, bool checkKnownPatients, string patientsFile,
        ImportIssueCollector issues, ImportCounts counts)
    {
        var missing = RecordColumns.RequiredDeviceColumns.Where(c => file.ColumnIndex(c) < 0).ToList();
        foreach (var column in missing)
        {
            issues.Error(file.File, file.HeaderLine, $"missing required column '{column}'");
        }

        if (missing.Count > 0)
        {
            return;
        }

        var columns = RecordColumns.DeviceColumns.ToDictionary(c => c, file.ColumnIndex, StringComparer.Ordinal);
        (string Id, KnownPatientId? Known) previous = ("", null);
        foreach (var row in file.Rows())
        {
            string Field(string column) => row.Get(columns[column]);

            var id = Field(RecordColumns.PatientId);
            var serial = Field(RecordColumns.SerialNumber);

            // Exports list a patient's devices together; the ids do not change while devices.csv is read.
            if (id.Length > 0 && !string.Equals(id, previous.Id, StringComparison.Ordinal))
            {
                previous = (id, session.FindId(PatientIdKey.Of(id)));
            }

            var known = id.Length == 0 ? null : previous.Known;
            var ok = CheckPatient(file.File, row.Line, id, known, checkKnownPatients, patientsFile, issues);
            if (serial.Length == 0)
            {
                issues.Error(file.File, row.Line, id.Length == 0 ? "missing serial_number" : $"missing serial_number (patient_id '{id}')");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var device = new Device
            {
                PatientId = id,
                Manufacturer = Field(RecordColumns.Manufacturer),
                Model = Field(RecordColumns.Model),
                SerialNumber = serial,
                SoftwareVersion = Field(RecordColumns.SoftwareVersion) is { Length: > 0 } version ? version : null,
                LotNumber = Field(RecordColumns.LotNumber) is { Length: > 0 } lot ? lot : null,
                UdiDi = Field(RecordColumns.UdiDi) is { Length: > 0 } udi ? udi : null,
            };

            if (session.RememberDevice(device, row.Line) is { } earlierLine)
            {
                issues.Warning(file.File, row.Line, string.Create(CultureInfo.InvariantCulture,
                    $"device repeats line {earlierLine} (patient_id '{id}'); imported once"));
                continue;
            }

            if (device.Model.Length == 0)
            {
                issues.Warning(file.File, row.Line, $"model is empty (patient_id '{id}'); the device cannot match any notice");
            }

            // Without a known patient the import fails anyway (patients.csv is unreadable): nothing to write.
            if (known is not null)
            {
                session.WriteDevice(device);
                counts.Devices++;
            }
        }

        session.ReplaceDeviceSets();
    }

    private static bool CheckPatient(string file, int line, string id, KnownPatientId? known, bool checkKnownPatients,
        string patientsFile, ImportIssueCollector issues)
    {
        if (id.Length == 0)
        {
            issues.Error(file, line, "missing patient_id");
            return false;
        }

        if (known is null)
        {
            if (checkKnownPatients)
            {
                issues.Error(file, line, $"unknown patient: patient_id '{id}' is neither in {patientsFile} nor in the store");
            }

            return !checkKnownPatients;
        }

        if (!string.Equals(known.PatientId, id, StringComparison.Ordinal))
        {
            var where = known.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{patientsFile} line {known.Line}") : "the store";
            issues.Error(file, line, $"patient_id '{id}' differs only in case from '{known.PatientId}' ({where}): write the id the same way everywhere");
            return false;
        }

        return true;
    }
}
