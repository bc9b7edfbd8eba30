using System.Globalization;

namespace Notices.Records;

/// <summary>Validates the rows of devices.csv into devices, reporting errors and warnings with their lines.</summary>
internal sealed class DevicesFile
{
    private readonly List<ParsedDevice> _devices = [];

    private DevicesFile(bool usable) => Usable = usable;

    /// <summary>False when a required column is missing, so rows were not read.</summary>
    public bool Usable { get; }

    /// <summary>Valid devices in file order, exact repeats left out.</summary>
    public IReadOnlyList<ParsedDevice> Devices => _devices;

    /// <summary>The non-empty patient ids of the rows, for looking up in the store those that patients.csv lacks.</summary>
    public static IEnumerable<string> PatientIds(CsvTable table)
    {
        var index = table.ColumnIndex(RecordColumns.PatientId);
        return index < 0 ? [] : table.Rows.Select(r => r.Get(index)).Where(id => id.Length > 0);
    }

    /// <param name="table">The devices file.</param>
    /// <param name="isKnownPatient">Whether a patient id is in patients.csv or the store; null skips the check
    /// (patients.csv could not be read, which is already an error).</param>
    /// <param name="patientsFile">The name of the patients file, for messages.</param>
    /// <param name="issues">Where errors and warnings go.</param>
    public static DevicesFile Parse(CsvTable table, Func<string, bool>? isKnownPatient, string patientsFile, ImportIssueCollector issues)
    {
        var missing = RecordColumns.RequiredDeviceColumns.Where(c => table.ColumnIndex(c) < 0).ToList();
        foreach (var column in missing)
        {
            issues.Error(table.File, table.HeaderLine, $"missing required column '{column}'");
        }

        var result = new DevicesFile(missing.Count == 0);
        if (!result.Usable)
        {
            return result;
        }

        var columns = RecordColumns.DeviceColumns.ToDictionary(c => c, table.ColumnIndex, StringComparer.Ordinal);
        var seen = new Dictionary<(string, string, string, string, string), int>();
        foreach (var row in table.Rows)
        {
            string Field(string column) => row.Get(columns[column]);

            var id = Field(RecordColumns.PatientId);
            var serial = Field(RecordColumns.SerialNumber);
            var ok = true;
            if (id.Length == 0)
            {
                issues.Error(table.File, row.Line, "missing patient_id");
                ok = false;
            }
            else if (isKnownPatient is not null && !isKnownPatient(id))
            {
                issues.Error(table.File, row.Line, $"unknown patient: patient_id '{id}' is neither in {patientsFile} nor in the store");
                ok = false;
            }

            if (serial.Length == 0)
            {
                issues.Error(table.File, row.Line, id.Length == 0 ? "missing serial_number" : $"missing serial_number (patient_id '{id}')");
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
            };

            var key = (id, device.Manufacturer, device.Model, serial, device.SoftwareVersion ?? "");
            if (seen.TryGetValue(key, out var earlierLine))
            {
                issues.Warning(table.File, row.Line, string.Create(CultureInfo.InvariantCulture,
                    $"device repeats line {earlierLine} (patient_id '{id}'); imported once"));
                continue;
            }

            seen.Add(key, row.Line);
            if (device.Model.Length == 0)
            {
                issues.Warning(table.File, row.Line, $"model is empty (patient_id '{id}'); the device cannot match any notice");
            }

            result._devices.Add(new ParsedDevice(device, row.Line));
        }

        return result;
    }
}
