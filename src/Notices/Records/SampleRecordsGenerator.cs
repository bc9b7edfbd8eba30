using System.Globalization;
using System.Text;

namespace Notices.Records;

/// <summary>
/// Writes fictional Danish patients.csv and devices.csv files for demos, tests and benchmarks.
/// The same seed and count give the same files. All emails are at example.com or patients.test.
/// </summary>
public static class SampleRecordsGenerator
{
    /// <summary>Writes semicolon-separated UTF-8 files with BOM, as Danish Excel saves "CSV UTF-8".</summary>
    public static void Write(string patientsPath, string devicesPath, int patientCount, int seed) =>
        Write(patientsPath, devicesPath, patientCount, seed, ';', new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

    /// <summary>
    /// Writes <paramref name="patientCount"/> patients (ids <c>P000001</c>…) with about 1.2 devices each, about 60% of them
    /// affected MiniMed/Paradigm models. <paramref name="encoding"/> may be <see cref="CsvTextDecoder.Windows1252"/>.
    /// </summary>
    public static void Write(string patientsPath, string devicesPath, int patientCount, int seed, char delimiter, Encoding encoding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patientCount);
        ArgumentNullException.ThrowIfNull(encoding);
        var random = new Random(seed);
        using var patients = new StreamWriter(patientsPath, append: false, encoding);
        using var devices = new StreamWriter(devicesPath, append: false, encoding);
        patients.NewLine = "\r\n";
        devices.NewLine = "\r\n";
        WriteRow(patients, delimiter, RecordColumns.PatientColumns);
        // The sample keeps the original five columns; lot_number and udi_di are optional.
        WriteRow(devices, delimiter, [RecordColumns.PatientId, RecordColumns.Manufacturer, RecordColumns.Model, RecordColumns.SerialNumber, RecordColumns.SoftwareVersion]);

        var serial = 0;
        for (var n = 1; n <= patientCount; n++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"P{n:D6}");
            WriteRow(patients, delimiter, PatientRow(random, id, n));
            var deviceCount = random.Next(100) < 20 ? 2 : 1;
            for (var d = 0; d < deviceCount; d++)
            {
                WriteRow(devices, delimiter, DeviceRow(random, id, ++serial));
            }
        }
    }

    private static string[] PatientRow(Random random, string id, int n)
    {
        var first = Pick(random, SampleNames.FirstNames);
        var last = Pick(random, SampleNames.LastNames);
        var (postalCode, city) = Pick(random, SampleNames.Towns);
        var floor = Pick(random, SampleNames.Floors);
        var number = random.Next(1, 180).ToString(CultureInfo.InvariantCulture);
        var street = $"{Pick(random, SampleNames.Streets)} {number}" + (floor.Length > 0 ? $", {floor}" : "");
        var line2 = random.Next(100) < 4 ? $"c/o {Pick(random, SampleNames.LastNames)}" : "";

        // About 1% have neither an address nor email consent: they are unreachable, as in real exports.
        var noAddress = random.Next(100) == 0;
        var hasEmail = !noAddress && random.Next(100) < 70;
        var consent = hasEmail && random.Next(100) < 65;
        var domain = random.Next(2) == 0 ? "example.com" : "patients.test";
        var email = hasEmail
            ? string.Create(CultureInfo.InvariantCulture, $"{AsciiLocalPart(first)}.{AsciiLocalPart(last)}{n}@{domain}")
            : "";
        return
        [
            id, first, last,
            noAddress ? "" : street, line2,
            noAddress ? "" : postalCode, noAddress ? "" : city,
            random.Next(100) < 90 ? "DK" : "",
            email,
            consent ? Pick(random, SampleNames.Yes) : Pick(random, SampleNames.No),
            random.Next(100) < 5 ? Pick(random, SampleNames.Yes) : Pick(random, SampleNames.No),
        ];
    }

    private static string[] DeviceRow(Random random, string patientId, int serial)
    {
        if (random.Next(100) < 60)
        {
            return
            [
                patientId, "Medtronic", Pick(random, SampleNames.AffectedModels),
                string.Create(CultureInfo.InvariantCulture, $"NG{1000000 + serial:D7}"), Pick(random, SampleNames.Versions),
            ];
        }

        var (manufacturer, model, versions) = Pick(random, SampleNames.UnaffectedDevices);
        var prefix = manufacturer == "Roche" ? "RI" : "NG";
        return [patientId, manufacturer, model, string.Create(CultureInfo.InvariantCulture, $"{prefix}{1000000 + serial:D7}"), Pick(random, versions)];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A name as an email local part: æ→ae, ø→oe, å→aa, lower case ASCII letters only.</summary>
    private static string AsciiLocalPart(string name)
    {
        var builder = new StringBuilder(name.Length + 2);
        foreach (var c in name.ToLowerInvariant())
        {
            _ = c switch
            {
                'æ' => builder.Append("ae"),
                'ø' => builder.Append("oe"),
                'å' => builder.Append("aa"),
                _ when char.IsAsciiLetterLower(c) => builder.Append(c),
                _ => builder,
            };
        }

        return builder.ToString();
    }

    private static void WriteRow(TextWriter writer, char delimiter, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(delimiter);
            }

            writer.Write(Quote(fields[i], delimiter));
        }

        writer.WriteLine();
    }

    private static string Quote(string value, char delimiter) =>
        value.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
