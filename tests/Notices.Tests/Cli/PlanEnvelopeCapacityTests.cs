using System.Text;
using System.Text.RegularExpressions;
using Notices.Delivery;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>plan shows the envelope and lists post letters too thick for it, by letter and patient id only.</summary>
public sealed class PlanEnvelopeCapacityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public PlanEnvelopeCapacityTests()
    {
        var devices = new StringBuilder("patient_id;manufacturer;model;serial_number\n");
        devices.Append("P1;Medtronic;MiniMed 508;S1\nP2;Medtronic;MiniMed 508;S2\n");
        // P3 has a long device table: a longer letter than the others.
        for (var i = 0; i < 60; i++)
        {
            devices.Append(System.Globalization.CultureInfo.InvariantCulture, $"P3;Medtronic;MiniMed 508;T{i}\n");
        }

        File.WriteAllText(_dir.File("patients.csv"), "patient_id;first_name;last_name;address_line1;postal_code;city;email;email_consent\n"
            + "P1;Åse;Ærø;Kastanievej 15;8000;Aarhus C;;nej\n"
            + "P2;Bo;Berg;Vej 2;2100;København Ø;bo@example.com;ja\n"
            + "P3;Ida;Holm;Vej 3;5000;Odense C;;nej\n", new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), devices.ToString());
        var import = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "notices.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    public void Dispose() => _dir.Dispose();

    private string NoticeWithEnvelope(string envelopeYaml)
    {
        var notice = _dir.File("notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)), overwrite: true);
        }

        var yaml = File.ReadAllText(Path.Combine(notice, "notice.yaml"));
        yaml = Regex.Replace(yaml, @"envelope:\n  name: C5\n  capacity_sheets: 8\n", envelopeYaml);
        File.WriteAllText(Path.Combine(notice, "notice.yaml"), yaml);
        return notice;
    }

    [Fact]
    public void The_sample_envelope_holds_every_letter_and_plan_says_so()
    {
        var plan = CliRunner.Run(_dir.Path, "plan", RepoPaths.SampleNotice, "--db", "notices.db");

        Assert.True(plan.ExitCode == 0, plan.All);
        var lines = plan.StdOut.Split('\n');
        Assert.Contains(lines, l => l.Contains("envelope C5, capacity (sheets)", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 8 │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("post letters over envelope capacity", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 0 │", StringComparison.Ordinal));
    }

    [Fact]
    public void A_post_letter_over_capacity_is_listed_by_ids_with_the_page_count_send_then_makes()
    {
        var notice = NoticeWithEnvelope("envelope:\n  name: C65\n  capacity_sheets: 2\n");

        var plan = CliRunner.Run(_dir.Path, "plan", notice, "--db", "notices.db");

        Assert.True(plan.ExitCode == 0, plan.All);
        var over = plan.StdOut.Split('\n').Where(l => l.TrimStart().StartsWith("over envelope capacity", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(over);
        Assert.Contains(" P3 ", line, StringComparison.Ordinal);
        Assert.Contains("envelope C65 holds 2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Ida", plan.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Holm", plan.All, StringComparison.Ordinal);
        var pages = int.Parse(Regex.Match(line, @"(\d+) pages").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // plan measured what send makes: the manifest flags the same letter with the same page count.
        var send = CliRunner.Run(_dir.Path, "send", "--unapproved", notice, "--db", "notices.db", "--out", "out");
        Assert.True(send.ExitCode == 0, send.All);
        var rows = PrintManifest.Read(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "print"));
        var p3 = Assert.Single(rows, r => r.PatientId == "P3");
        Assert.Equal((pages, true), (p3.Pages, p3.OverCapacity));
        Assert.All(rows.Where(r => r.PatientId != "P3"), r => Assert.False(r.OverCapacity));
        Assert.DoesNotContain(rows, r => r.PatientId == "P2");
    }
}
