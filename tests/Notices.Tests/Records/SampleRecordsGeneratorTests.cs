using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

public sealed class SampleRecordsGeneratorTests : IDisposable
{
    private readonly RecordsTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Generated_files_are_deterministic_and_import_cleanly()
    {
        var patients = Path.Combine(_store.Directory, "patients.csv");
        var devices = Path.Combine(_store.Directory, "devices.csv");
        SampleRecordsGenerator.Write(patients, devices, 2000, seed: 42);
        var firstBytes = File.ReadAllBytes(patients);
        SampleRecordsGenerator.Write(patients, devices, 2000, seed: 42);
        Assert.Equal(firstBytes, File.ReadAllBytes(patients));
        var text = File.ReadAllText(patients);
        Assert.Contains("ø", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text.Replace("@example.com", "", StringComparison.Ordinal).Replace("@patients.test", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var result = _store.Import(patients, devices);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(2000, result.PatientsAdded);
        Assert.InRange(result.DevicesImported, 2200, 2600);
        Assert.Equal(("UTF-8 BOM", ';'), (result.Files[0].Encoding, result.Files[0].Delimiter));
        // The only warnings are the deliberately unreachable patients.
        Assert.All(result.Warnings, w => Assert.Contains("unreachable", w.Reason, StringComparison.Ordinal));
        Assert.InRange(result.TotalWarnings, 1, 60);
        var devicesOfFirst = _store.Devices("P000001");
        Assert.NotEmpty(devicesOfFirst);
    }

    [Fact]
    public void Windows1252_comma_variant_imports_too_and_a_second_import_changes_nothing()
    {
        var patients = Path.Combine(_store.Directory, "patients.csv");
        var devices = Path.Combine(_store.Directory, "devices.csv");
        SampleRecordsGenerator.Write(patients, devices, 300, seed: 7, ',', CsvTextDecoder.Windows1252);

        var first = _store.Import(patients, devices);
        var second = _store.Import(patients, devices);

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Equal(("Windows-1252", ','), (first.Files[0].Encoding, first.Files[0].Delimiter));
        Assert.Equal((0, 0, 300), (second.PatientsAdded, second.PatientsUpdated, second.PatientsUnchanged));
        Assert.Equal(first.DevicesImported, second.DevicesImported);
    }
}
