using System.Globalization;
using Microsoft.Data.Sqlite;
using Notices.Records;
using Notices.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Cli;

/// <summary>
/// Imports of real size through the real CLI: 100,000 patients with their devices in one atomic run (SQLite's limit
/// of 32,766 variables per statement used to stop it at 32,767), with memory that does not grow with the file.
/// </summary>
public sealed class ImportSizeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Hundred_thousand_patients_with_devices_import_in_one_run_in_memory_that_does_not_grow_with_the_file()
    {
        var small = Generate("small", 10_000);
        var large = Generate("large", 100_000);

        var smallRun = Import(small, "small.db");
        var largeRun = Import(large, "large.db");

        Assert.True(largeRun.Cli.ExitCode == 0, largeRun.Cli.All);
        Assert.Contains("100000 new", largeRun.Cli.StdOut, StringComparison.Ordinal);
        Assert.Equal(100_000L, Scalar("large.db", "SELECT count(*) FROM patients"));
        Assert.Equal(large.Count, Scalar("large.db", "SELECT count(*) FROM devices"));
        Assert.Equal(100_000L, Scalar("large.db", "SELECT count(DISTINCT PatientId) FROM devices"));
        Assert.Equal(0L, Scalar("large.db", "SELECT count(*) FROM devices WHERE PatientId NOT IN (SELECT PatientId FROM patients)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"10,000 patients: {smallRun.Elapsed.TotalSeconds:0.0} s, peak RSS {smallRun.PeakRssMb} MB; "
            + $"100,000 patients + {large.Count:N0} devices: {largeRun.Elapsed.TotalSeconds:0.0} s, peak RSS {largeRun.PeakRssMb} MB"));

        // Ten times the rows may not cost ten times the memory: what grows with the file is SQLite's, on disk.
        Assert.True(smallRun.Cli.ExitCode == 0, smallRun.Cli.All);
        Assert.True(largeRun.PeakRssMb < smallRun.PeakRssMb + 40,
            $"peak RSS {largeRun.PeakRssMb} MB for 100,000 patients against {smallRun.PeakRssMb} MB for 10,000");
    }

    [Fact]
    public void Forty_thousand_patients_reimport_atomically_and_one_bad_device_on_the_last_line_imports_nothing()
    {
        var files = Generate("forty", 40_000);
        var first = Import(files, "notices.db");
        Assert.True(first.Cli.ExitCode == 0, first.Cli.All);
        var before = Fingerprint();

        // Every patient changes, then the very last device row names a patient nobody knows.
        var changed = File.ReadAllText(files.Patients).Replace(";DK;", ";SE;", StringComparison.Ordinal);
        File.WriteAllText(files.Patients, changed);
        File.AppendAllText(files.Devices, "X999999;Medtronic;MiniMed 508;NG9999999;\r\n");
        var lastLine = File.ReadLines(files.Devices).Count();

        var second = Import(files, "notices.db");

        Assert.True(second.Cli.ExitCode == 2, second.Cli.All);
        Assert.Contains($"devices.csv:{lastLine.ToString(CultureInfo.InvariantCulture)}:", second.Cli.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", second.Cli.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"40,000 patients: first import {first.Elapsed.TotalSeconds:0.0} s; refused re-import {second.Elapsed.TotalSeconds:0.0} s"));
    }

    private (string Patients, string Devices, long Count) Generate(string name, int patients)
    {
        Directory.CreateDirectory(_dir.File(name));
        var patientsPath = _dir.File(Path.Combine(name, "patients.csv"));
        var devicesPath = _dir.File(Path.Combine(name, "devices.csv"));
        SampleRecordsGenerator.Write(patientsPath, devicesPath, patients, seed: 8);
        return (patientsPath, devicesPath, File.ReadLines(devicesPath).Count() - 1L);
    }

    private MeasuredCliRun.Result Import((string Patients, string Devices, long Count) files, string db) =>
        MeasuredCliRun.Run(_dir.Path, "import", "--patients", files.Patients, "--devices", files.Devices, "--db", db);

    private long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File(db)};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Counts and a digest of every patient and device row, to show a refused import changed nothing.</summary>
    private string Fingerprint() => string.Join("|",
        Scalar("notices.db", "SELECT count(*) FROM patients"),
        Scalar("notices.db", "SELECT count(*) FROM devices"),
        Scalar("notices.db", "SELECT count(*) FROM patients WHERE Country = 'SE'"),
        Scalar("notices.db", "SELECT sum(length(PatientId || FirstName || LastName || coalesce(AddressLine1, '') || UpdatedAt)) FROM patients"),
        Scalar("notices.db", "SELECT sum(Id * length(SerialNumber || Model)) FROM devices"));
}
