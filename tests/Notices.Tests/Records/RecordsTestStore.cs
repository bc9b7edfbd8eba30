using Notices.Model;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Notices.Records;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>A temp directory with a real SQLite store and helpers to write CSV files and import them.</summary>
internal sealed class RecordsTestStore : IDisposable
{
    public const string PatientsHeader = "patient_id;first_name;last_name;address_line1;address_line2;postal_code;city;country;email;email_consent;large_print";

    public RecordsTestStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "notices-records-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DbPath = Path.Combine(Directory, "notices.db");
    }

    public string Directory { get; }
    public string DbPath { get; }

    /// <summary>Writes <paramref name="lines"/> joined by CRLF as UTF-8 without BOM (or the given encoding/preamble).</summary>
    public string WriteFile(string name, IEnumerable<string> lines, Encoding? encoding = null, bool bom = false)
    {
        var path = Path.Combine(Directory, name);
        var text = string.Join("\r\n", lines) + "\r\n";
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(text);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    public ImportResult Import(string patientsPath, string? devicesPath, DateTimeOffset? now = null)
    {
        using var db = StoreSchema.Open(DbPath);
        var importer = new RecordsImporter(now is null ? null : new FixedTime(now.Value));
        return importer.Import(db, patientsPath, devicesPath);
    }

    /// <summary>Imports two patients and three devices, giving later tests a store whose contents must survive.</summary>
    public void SeedBaseline()
    {
        var patients = WriteFile("seed-patients.csv",
        [
            PatientsHeader,
            "S1;Søren;Østergaard;Kastanievej 15, 2. tv;;2100;København Ø;DK;soren@example.com;ja;nej",
            "S2;Åse;Bæk;Ærøgade 3;;5000;Odense C;;;nej;ja",
        ]);
        var devices = WriteFile("seed-devices.csv",
        [
            "patient_id;manufacturer;model;serial_number;software_version",
            "S1;Medtronic;Paradigm 722;NG0000001;2.6A",
            "S1;Roche;Accu-Chek Insight;RI0000002;",
            "S2;Medtronic;MiniMed 508;NG0000003;",
        ]);
        var result = Import(patients, devices);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    /// <summary>Every patient and device row as text, read through a fresh context, to compare before and after.</summary>
    public string Snapshot()
    {
        using var db = StoreSchema.Open(DbPath);
        var builder = new StringBuilder();
        foreach (var p in db.Patients.AsNoTracking().OrderBy(p => p.PatientId).ToList())
        {
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.PatientId}|{p.FirstName}|{p.LastName}|{p.AddressLine1}|{p.AddressLine2}|{p.PostalCode}|{p.City}|{p.Country}|{p.Email}|{p.EmailConsent}|{p.EmailValid}|{p.LargePrint}|{p.UpdatedAt:O}"));
        }

        foreach (var d in db.Devices.AsNoTracking().OrderBy(d => d.Id).ToList())
        {
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Id}|{d.PatientId}|{d.Manufacturer}|{d.Model}|{d.SerialNumber}|{d.SoftwareVersion}"));
        }

        return builder.ToString();
    }

    public Patient Patient(string id)
    {
        using var db = StoreSchema.Open(DbPath);
        return db.Patients.AsNoTracking().Single(p => p.PatientId == id);
    }

    public List<Device> Devices(string patientId)
    {
        using var db = StoreSchema.Open(DbPath);
        return db.Devices.AsNoTracking().Where(d => d.PatientId == patientId).OrderBy(d => d.SerialNumber).ToList();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
