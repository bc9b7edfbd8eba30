using System.Text;
using Microsoft.Data.Sqlite;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// The finding "plan said No problems found" before a run that crashed on a name: plan now lists, per patient and
/// letter, the characters the letter font cannot print and the control characters an old store still holds, by
/// code point and never by the name; and send makes letters from such control characters instead of stopping.
/// </summary>
public sealed class PlanTextProblemsTests : IDisposable
{
    private const string PatientsHeader = "patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n";
    private readonly TempDirectory _dir = new();

    public PlanTextProblemsTests()
    {
        File.WriteAllText(_dir.File("patients.csv"), PatientsHeader
            + "P1;Åse;Ærø;Kastanievej 15;8000;Aarhus C;;nej\n"
            + "P2;李;Wang;Vej 2;8000;Aarhus C;;nej\n"
            + "P3;Bo;Berg;Vej 3;8000;Aarhus C;;nej\n"
            + "P4;Ida;Holm;Vej 4;8000;Aarhus C;;nej\n", new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id;manufacturer;model;serial_number\n"
            + "P1;Medtronic;MiniMed 508;S1\nP2;Medtronic;MiniMed 508;S2\nP3;Medtronic;MiniMed 508;S3\nP4;Medtronic;MiniMed 508;S4\n");
        var import = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db");
        Assert.True(import.ExitCode == 0, import.All);
        // A store made before import normalised control characters: written directly, as such a store holds them.
        Sql("UPDATE patients SET AddressLine1 = 'Vej' || char(9) || '3', LastName = 'Berg' || char(13, 10) || 'Dahl' WHERE PatientId = 'P3';"
            + "UPDATE patients SET FirstName = 'Ida' || char(0) || 'Marie' WHERE PatientId = 'P4';");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Plan_lists_missing_glyphs_and_control_characters_per_patient_by_code_point()
    {
        var plan = CliRunner.Run(_dir.Path, "plan", RepoPaths.SampleNotice, "--db", "notices.db");

        Assert.True(plan.ExitCode == 0, plan.All);
        var lines = plan.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains("cannot be printed (missing glyphs)", StringComparison.Ordinal) && l.TrimEnd().EndsWith("1 │", StringComparison.Ordinal));
        var glyph = Assert.Single(lines, l => l.TrimStart().StartsWith("missing glyph ", StringComparison.Ordinal));
        Assert.Contains(" P2 ", glyph, StringComparison.Ordinal);
        Assert.Contains("first_name U+674E: no glyph", glyph, StringComparison.Ordinal);
        var controls = lines.Where(l => l.TrimStart().StartsWith("control characters", StringComparison.Ordinal)).ToList();
        Assert.Contains(controls, l => l.Contains(" P3 ", StringComparison.Ordinal));
        Assert.Contains(controls, l => l.Contains(" P4 ", StringComparison.Ordinal));
        Assert.Contains("U+0009", plan.StdOut, StringComparison.Ordinal);
        Assert.Contains("U+0000", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("No problems found", plan.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("李", plan.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_makes_the_letters_of_patients_with_control_characters_with_spaces()
    {
        Sql("DELETE FROM devices WHERE PatientId = 'P2'; DELETE FROM patients WHERE PatientId = 'P2';");

        var send = CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "notices.db", "--out", "out");

        Assert.True(send.ExitCode == 0, send.All);
        var letters = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters"), "*.pdf");
        Assert.Equal(3, letters.Length);
        var text = string.Join("\n", letters.Select(Poppler.RawText));
        Assert.Contains("Kære Bo Berg Dahl", text, StringComparison.Ordinal);
        Assert.Contains("Vej 3", text, StringComparison.Ordinal);
        Assert.Contains("Kære Ida Marie Holm", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_the_font_lacks_in_the_notice_text_stops_plan_and_send_naming_file_and_line()
    {
        var notice = _dir.File("notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        var letter = File.ReadAllLines(Path.Combine(notice, "letter.md")).ToList();
        letter[2] = "Vi sender dig en raket 🚀. " + letter[2];
        File.WriteAllLines(Path.Combine(notice, "letter.md"), letter);

        foreach (var args in new[] { new[] { "plan", notice, "--db", "notices.db" }, ["send", "--unapproved", notice, "--db", "notices.db", "--out", "out"] })
        {
            var result = CliRunner.Run(_dir.Path, args);

            Assert.True(result.ExitCode == 2, result.All);
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(Path.Combine(notice, "letter.md") + ":3:", line, StringComparison.Ordinal);
            Assert.Contains("U+1F680", line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters")));
    }

    private void Sql(string sql)
    {
        using var connection = new SqliteConnection("Data Source=" + _dir.File("notices.db") + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
