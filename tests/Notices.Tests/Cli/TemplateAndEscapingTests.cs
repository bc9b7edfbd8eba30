using System.Text;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

public sealed class TemplateAndEscapingTests : IDisposable
{
    private const string Hostile = "*Ole* [klik](http://x.test) {{y}} {{ letter.id }} | `k` # <b>";
    private readonly TempDirectory _dir = new();

    public TemplateAndEscapingTests()
    {
        var patients = "patient_id,first_name,last_name,address_line1,postal_code,city,email,email_consent\n"
            + "H1,\"*Ole* [klik](http://x.test)\",{{y}} {{ letter.id }} | `k` # <b>,Kastanievej 15,8000,Aarhus C,ole@patients.test,ja\n"
            + "H2,\"*Ole* [klik](http://x.test)\",{{y}} {{ letter.id }} | `k` # <b>,Kastanievej 15,8000,Aarhus C,,nej\n";
        File.WriteAllText(_dir.File("patients.csv"), patients, new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id,manufacturer,model,serial_number\nH1,Medtronic,MiniMed 508,SER-H1\nH2,Medtronic,MiniMed 508,SER-H2\n");
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "h.db").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_name_with_markdown_and_template_syntax_prints_literally_in_letter_and_email()
    {
        var send = CliRunner.Run(_dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "h.db", "--out", "out");
        Assert.True(send.ExitCode == 0, send.All);

        var campaign = Path.Combine(_dir.Path, "out", "fa830-minimed-dk");
        foreach (var pdf in Directory.GetFiles(Path.Combine(campaign, "letters"), "*.pdf"))
        {
            var text = Poppler.RawText(pdf);
            Assert.Contains("Kære " + Hostile, text, StringComparison.Ordinal);
        }

        var mail = EmlMessage.Load(Directory.GetFiles(Path.Combine(campaign, "email"), "*.eml").Single());
        Assert.Contains("Kære " + Hostile, mail.TextPart("text/plain"), StringComparison.Ordinal);
        var html = mail.TextPart("text/html");
        Assert.Contains("*Ole* [klik](http://x.test) {{y}} {{ letter.id }} | `k` # &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>Ole", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dit patientnummer er {{ patient.nummer }}.", "letter.md:3:25: unknown field or function 'patient.nummer'")]
    [InlineData("Dit patientnummer er {{ if patient.id }}{{ patient.id }}.", "letter.md:3:22: template syntax error: '{{ if patient.id }}' is never closed with {{ end }}")]
    [InlineData("Dit patientnummer er {{#if patient.id}}{{patient.id}}{{/if}}.", "letter.md:3:22: '{{#if patient.id}}' is Handlebars syntax")]
    [InlineData("{{ for i in 1..100 }}{{ for j in 1..100 }}x{{ end }}{{ end }}", "letter.md:3:")]
    public void A_template_defect_fails_plan_preview_approve_and_send_with_exit_2_and_its_location_before_any_letter(string line, string expected)
    {
        var notice = Path.Combine(_dir.Path, "notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        var letter = File.ReadAllLines(Path.Combine(notice, "letter.md")).ToList();
        letter.Insert(2, line);
        File.WriteAllLines(Path.Combine(notice, "letter.md"), letter);

        string[][] commands =
        [
            ["plan", notice, "--db", "h.db"],
            ["preview", notice, "--db", "h.db", "--out", "out"],
            ["approve", notice, "--by", "RA", "--db", "h.db"],
            ["send", "--unapproved", notice, "--db", "h.db", "--out", "out"],
        ];
        foreach (var command in commands)
        {
            var result = CliRunner.Run(_dir.Path, command);
            Assert.True(result.ExitCode == 2, command[0] + ": " + result.All);
            Assert.Contains(Path.Combine(notice, expected), result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "letters")), "send must stop before making anything");
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "out", "fa830-minimed-dk", "preview")), "preview must stop before making anything");
    }
}
