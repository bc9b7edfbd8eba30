using System.Text;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>A letter that cannot be made fails on its own: the campaign goes on, the ledger says why, the exit code is 3.</summary>
public sealed class OneBadRecordTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_name_the_font_cannot_draw_fails_that_letter_only_on_every_run_and_the_rest_goes_out()
    {
        var patients = new StringBuilder("patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n");
        var devices = new StringBuilder("patient_id;manufacturer;model;serial_number;software_version\n");
        for (var n = 1; n <= 16; n++)
        {
            var last = n == 5 ? "李" : "Ærø";
            var contact = n % 2 == 0 ? $"p{n}@patients.test;ja" : ";nej";
            patients.Append(System.Globalization.CultureInfo.InvariantCulture, $"P{n:D2};Søren;{last};Åvej {n};8000;Aarhus C;{contact}\n");
            devices.Append(System.Globalization.CultureInfo.InvariantCulture, $"P{n:D2};Medtronic;MiniMed Paradigm 512;NG{n:D7}H;\n");
        }

        File.WriteAllText(_dir.File("p.csv"), patients.ToString(), new UTF8Encoding(true));
        File.WriteAllText(_dir.File("d.csv"), devices.ToString(), new UTF8Encoding(true));
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "p.csv", "--devices", "d.csv", "--db", "s.db").ExitCode);
        string[] send = ["send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21"];

        foreach (var run in new[] { 1, 2 })
        {
            var result = CliRunner.Run(_dir.Path, send);
            Assert.True(result.ExitCode == 3, $"run {run}: {result.All}");
            Assert.Contains("1 letters could not be made", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
            Assert.DoesNotContain("李", result.All, StringComparison.Ordinal);
        }

        var email = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "email"), "*.eml");
        Assert.Equal(8, email.Length);
        var report = CliRunner.Run(_dir.Path, "report", "fa830-minimed-dk", "--db", "s.db", "--out", "out");
        var rows = File.ReadAllLines(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "report.csv"));
        var failed = Assert.Single(rows, r => r.Contains(";P05;", StringComparison.Ordinal));
        Assert.Contains("Failed", failed, StringComparison.Ordinal);
        Assert.Contains("U+674E", failed, StringComparison.Ordinal);
        Assert.Equal(15, rows.Count(r => r.Contains(";Sent;", StringComparison.Ordinal) || r.Contains(";Printed;", StringComparison.Ordinal)));
        Assert.Equal(0, CliRunner.Run(_dir.Path, "verify", "--db", "s.db").ExitCode);
    }
}
