using System.Text;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// The tester's findings end to end: what plan can see in the package stops plan and send alike with exit 2 and one
/// line <c>file:line: reason</c> (no stack trace, nothing made); and a 16-bit PNG logo, which stopped send, is drawn.
/// </summary>
public sealed class PlanPackageChecksTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _notice;

    public PlanPackageChecksTests()
    {
        var patients = "patient_id,first_name,last_name,address_line1,postal_code,city,email,email_consent\n"
            + "C1,Ole,Holm,Kastanievej 15,8000,Aarhus C,ole@patients.test,ja\n"
            + "C2,Ida,Berg,Vej 2,8000,Aarhus C,,nej\n";
        File.WriteAllText(_dir.File("patients.csv"), patients, new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id,manufacturer,model,serial_number\nC1,Medtronic,MiniMed 508,SER-C1\nC2,Medtronic,MiniMed 508,SER-C2\n");
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "c.db").ExitCode);
        _notice = Path.Combine(_dir.Path, "notice");
        Directory.CreateDirectory(_notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(_notice, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_text_file_as_logo_stops_plan_and_send_with_one_line_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_notice, "logo.png"), "not an image");
        File.AppendAllText(Path.Combine(_notice, "notice.yaml"), "\nlogo: logo.png\n");

        AssertRefusedByPlanAndSend("notice.yaml:", "logo 'logo.png' cannot be used");
    }

    [Fact]
    public void A_malformed_email_from_stops_plan_and_send_with_its_line()
    {
        ReplaceInYaml("from: \"Medtronic Danmark <fsn@medtronic-sample.example.com>\"", "from: \"Medtronic Danmark <fsn@@medtronic-sample.example.com\"");

        AssertRefusedByPlanAndSend("notice.yaml:", "'email.from' is not an email address");
    }

    [Fact]
    public void A_triple_stash_in_email_md_stops_plan_and_send_naming_file_line_and_column()
    {
        var lines = File.ReadAllLines(Path.Combine(_notice, "email.md")).ToList();
        lines.Insert(1, "Hej {{{patient.first_name}}}");
        File.WriteAllLines(Path.Combine(_notice, "email.md"), lines);

        AssertRefusedByPlanAndSend("email.md:2:5:", "is Handlebars syntax");
    }

    [Fact]
    public void A_16_bit_png_logo_is_drawn_in_every_letter_of_send()
    {
        File.WriteAllBytes(Path.Combine(_notice, "logo.png"), PngWriter.Solid(120, 40, 6, 16, [200 * 257, 30 * 257, 40 * 257, 65535]));
        File.AppendAllText(Path.Combine(_notice, "notice.yaml"), "\nlogo: logo.png\n");

        var plan = CliRunner.Run(_dir.Path, "plan", _notice, "--db", "c.db");
        Assert.True(plan.ExitCode == 0, plan.All);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "approve", _notice, "--by", "RA", "--db", "c.db").ExitCode);
        var send = CliRunner.Run(_dir.Path, "send", _notice, "--db", "c.db", "--out", "out");
        Assert.True(send.ExitCode == 0, send.All);

        var letters = Directory.GetFiles(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters"), "*.pdf");
        Assert.Equal(2, letters.Length);
        foreach (var pdf in letters)
        {
            var images = Poppler.Run("pdfimages", "-list", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            // The logo, re-encoded at 8 bits and scaled to its box (at most 178 pixels high: 15 mm at 300 dpi).
            var image = Assert.Single(images).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("1", image[0]);
            Assert.InRange(int.Parse(image[4], System.Globalization.CultureInfo.InvariantCulture), 1, 178);
        }
    }

    private void ReplaceInYaml(string from, string to)
    {
        var path = Path.Combine(_notice, "notice.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private void AssertRefusedByPlanAndSend(string location, string reason)
    {
        foreach (var args in new[] { new[] { "plan", _notice, "--db", "c.db" }, new[] { "send", _notice, "--db", "c.db", "--out", "out" } })
        {
            var result = CliRunner.Run(_dir.Path, args);

            Assert.True(result.ExitCode == 2, args[0] + ": " + result.All);
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(reason, StringComparison.Ordinal));
            Assert.Contains(Path.Combine(_notice, location), line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.All, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters")), "send must stop before making anything");
    }
}
