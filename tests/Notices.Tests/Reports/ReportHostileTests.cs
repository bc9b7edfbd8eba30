using Notices.Ledger;
using Notices.Model;
using Notices.Reports;
using Notices.Tests.Cli;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reports;

/// <summary>Hostile input for the report: patient ids the PDF font cannot draw, a ledger edited behind the tool's back.</summary>
public sealed class ReportHostileTests : IDisposable
{
    private static readonly ReportCampaign Campaign =
        new("EFF", "FA830", "MiniMed 780G", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20));

    private static readonly LedgerHeadSummary Head = new(new LedgerHeadPin(77, new string('b', 64)), 77, null, true);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_patient_id_with_characters_the_font_lacks_is_written_with_code_points_instead_of_stopping_the_report()
    {
        // P5 is unreachable and so listed by id in the PDF; its id holds CJK, an emoji and a right-to-left override.
        var ledger = new HandLedger("EFF");
        ledger.Add("EFF-0001", "P1", 0, HandLedger.Rendered()).Add("EFF-0001", "P1", 0, HandLedger.Batched("B1", 1))
            .Add(null, null, 0, HandLedger.Sealed("B1"));
        ledger.Add("EFF-0005", "P漢😀\u202Eq", 0, new Unreachable("no address, no email"));

        var (pdf, _) = EffectivenessReportPdf.Write(EffectivenessFigures.From(ledger.Project(), Campaign), Head, _dir.Path);

        var text = System.Text.RegularExpressions.Regex.Replace(Poppler.RawText(pdf), @"\s+", "");
        Assert.True(text.Contains("EFF-0005", StringComparison.Ordinal), text);
        // The id's cell wraps, and pdftotext puts the reason cell's line between the id's lines.
        var id = text.Replace("Ingenpostadresseogingengyldige-mailmedsamtykke", "", StringComparison.Ordinal);
        Assert.True(id.Contains("EFF-0005P<U+6F22><U+1F600><U+202E>qRevisionsspor", StringComparison.Ordinal), text);
        Assert.DoesNotContain("\u1F60", text, StringComparison.Ordinal); // U+1F600 is not cut to 16 bits
    }

    [Fact]
    public void Report_refuses_a_ledger_that_does_not_verify_and_writes_no_report()
    {
        var demo = CliRunner.Run(_dir.Path, "demo", "--out", "out");
        Assert.True(demo.ExitCode == 0, demo.All);
        var db = Path.Combine(_dir.Path, "out", "notices.db");
        LedgerForgery.Sqlite(db, "UPDATE ledger SET Detail = '{}' WHERE Seq = 3;");
        var campaign = Path.Combine(_dir.Path, "elsewhere", "fa830-minimed-dk");

        var report = CliRunner.Run(_dir.Path, "report", "fa830-minimed-dk", "--db", db, "--out", "elsewhere");

        Assert.True(report.ExitCode == 1, report.All);
        Assert.Contains("does not verify", report.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", report.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(campaign, "report.pdf")));
        Assert.False(File.Exists(Path.Combine(campaign, "report.csv")));

        // status still shows the figures, but says the history behind them was edited and exits 1.
        var status = CliRunner.Run(_dir.Path, "status", "fa830-minimed-dk", "--db", db);
        Assert.True(status.ExitCode == 1, status.All);
        Assert.Contains("does not verify", status.StdErr, StringComparison.Ordinal);
        Assert.Contains("Ledger head:", status.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", status.All, StringComparison.Ordinal);
    }
}
