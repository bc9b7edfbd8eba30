using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Real CRM mess through the real CLI: stray bytes, NUL, TAB and Excel's Alt+Enter line breaks.</summary>
public sealed class ImportMessyInputTests : IDisposable
{
    private const string Header = "patient_id;first_name;last_name;address_line1;postal_code;city\r\n";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_utf8_file_with_one_stray_byte_exits_2_names_the_line_and_imports_nothing()
    {
        var utf8 = new UTF8Encoding(false);
        File.WriteAllBytes(_dir.File("patients.csv"),
        [
            .. utf8.GetBytes(Header + "P1;Søren;Ærø;Vej 1;8000;Aarhus C\r\nP2;Bo;M"), 0xF8, .. utf8.GetBytes("ller;Vej 2;8000;Aarhus C\r\n"),
        ]);

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--db", "notices.db");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("patients.csv:3: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("0xF8", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0L, Patients());
    }

    [Fact]
    public void A_nul_in_a_name_exits_2_naming_the_line_and_imports_nothing()
    {
        File.WriteAllText(_dir.File("patients.csv"), Header + "P1;Søren;Ærø;Vej 1;8000;Aarhus C\r\nP2;Bo\0;Berg;Vej 2;8000;Aarhus C\r\n");

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--db", "notices.db");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("patients.csv:3: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("NUL", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0L, Patients());
    }

    [Fact]
    public void Tabs_and_alt_enter_line_breaks_import_as_spaces_with_a_warning_naming_the_line()
    {
        File.WriteAllText(_dir.File("patients.csv"),
            Header + "P1;Søren\tAage;Ærø;\"Vej 1\nBaghuset\";8000;Aarhus C\r\nP2;Bo;Berg;Vej 2;8000;Aarhus C\r\n");

        var result = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--db", "notices.db");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("patients.csv:2: ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("control character", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Søren", result.All, StringComparison.Ordinal);
        Assert.Equal("Søren Aage|Vej 1 Baghuset", Text("SELECT FirstName || '|' || AddressLine1 FROM patients WHERE PatientId = 'P1'"));
    }

    private long Patients() => Convert.ToInt64(Text("SELECT count(*) FROM patients"), System.Globalization.CultureInfo.InvariantCulture);

    private string Text(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("notices.db")};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
