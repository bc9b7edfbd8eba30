using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>The five structural errors of the foundation issue, through the real CLI: exit 2, file and line, store unchanged.</summary>
public sealed class ImportBadInputTests : IDisposable
{
    private const string Header = "patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n";
    private readonly TempDirectory _dir = new();

    public ImportBadInputTests()
    {
        // A good first import, so "unchanged" means the earlier data survives, not just an empty store.
        Write("good.csv", Header + "P1;Åse;Ærø;Kastanievej 15, 2. tv;8000;Aarhus C;aase@patients.test;ja\n");
        Write("good-devices.csv", "patient_id;manufacturer;model;serial_number;software_version\nP1;Medtronic;MiniMed 508;S1;\n");
        var ok = CliRunner.Run(_dir.Path, "import", "--patients", "good.csv", "--devices", "good-devices.csv", "--db", "notices.db");
        Assert.Equal(0, ok.ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("patient_id;first_name;address_line1;postal_code;city\nP2;Bo;Vej 1;8000;Aarhus C\n", "patients.csv:1:", "last_name")]
    [InlineData(Header + "P2;Bo;Berg;Vej 1;8000;Aarhus C;;nej\nP2;Bo;Bjerg;Vej 2;8000;Aarhus C;;nej\n", "patients.csv:3:", "P2")]
    [InlineData(Header + "P2;Bo;Berg;Vej 1;8000;Aarhus C;;nej\n;Ida;Holm;Vej 3;8000;Aarhus C;;nej\n", "patients.csv:3:", "patient_id")]
    [InlineData(Header + "P2;Bo;Berg;\"Vej 1;8000;Aarhus C;;nej\nP3;Ida;Holm;Vej 3;8000;Aarhus C;;nej\n", "patients.csv:2:", "quote")]
    public void Structural_errors_exit_2_name_file_and_line_and_change_nothing(string patients, string location, string reasonPart)
    {
        Write("patients.csv", patients);
        var before = Snapshot();

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--db", "notices.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(location, result.StdErr, StringComparison.Ordinal);
        Assert.Contains(reasonPart, result.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_device_of_an_unknown_patient_exits_2_and_changes_nothing()
    {
        Write("patients.csv", Header + "P2;Bo;Berg;Vej 1;8000;Aarhus C;;nej\n");
        Write("devices.csv", "patient_id;manufacturer;model;serial_number\nP2;Medtronic;MiniMed 508;S2\nP9;Medtronic;MiniMed 508;S9\n");
        var before = Snapshot();

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("devices.csv:3:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("P9", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_windows_1252_semicolon_file_keeps_its_danish_letters()
    {
        var cp1252 = CodePagesEncoding();
        File.WriteAllBytes(_dir.File("excel.csv"), cp1252.GetBytes(Header.Replace("\n", "\r\n", StringComparison.Ordinal)
            + "P5;Søren;Æbelø-Østergård;Åboulevarden 3, 1. th;8000;Aarhus C;;nej\r\n"));

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "excel.csv", "--db", "notices.db");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("P5|Søren|Æbelø-Østergård|Åboulevarden 3, 1. th", Snapshot(), StringComparison.Ordinal);
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private void Write(string name, string content) => File.WriteAllText(_dir.File(name), content, new UTF8Encoding(false));

    /// <summary>The store's patients and devices as text, to compare before and after.</summary>
    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("notices.db")};Pooling=False");
        connection.Open();
        var sb = new StringBuilder();
        foreach (var sql in new[]
                 {
                     "SELECT PatientId, FirstName, LastName, AddressLine1, UpdatedAt FROM patients ORDER BY PatientId",
                     "SELECT PatientId, Model, SerialNumber FROM devices ORDER BY Id",
                 })
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    sb.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString()).Append('|');
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }
}
