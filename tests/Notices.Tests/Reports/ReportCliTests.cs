using System.Text.RegularExpressions;
using Notices.Acknowledgements;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Cli;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reports;

/// <summary>The sample campaign, sent (33 affected patients, P0010 unreachable) with three acknowledgements, then report and status.</summary>
public sealed class ReportCliFixture : IDisposable
{
    public ReportCliFixture()
    {
        // Import and send the sample (what the demo does before its own follow-up), so the acknowledgements are only these.
        var import = CliRunner.Run(Dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "out/notices.db");
        Demo = import.ExitCode == 0 ? CliRunner.Run(Dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "out/notices.db", "--out", "out") : import;
        var today = DateOnly.FromDateTime(DateTime.Now);
        using (var db = StoreSchema.OpenExisting(Db))
        {
            string LetterOf(string patient) => db.Letters.Single(l => l.PatientId == patient && l.CampaignId == CampaignId).LetterId;
            var outcome = new AcknowledgementRecorder(db).Record(CampaignId,
            [
                new AckRequest(LetterOf("P0002"), today, AckMethod.Email, AckSource.Manual),
                new AckRequest(LetterOf("P0006"), today, AckMethod.Phone, AckSource.Manual) { Note = "=ringede selv" },
                new AckRequest(LetterOf("P0007"), today, AckMethod.Post, AckSource.Manual),
            ], AckPolicy.AllOrNothing);
            Assert.Empty(outcome.Problems);
            UnreachableLetter = LetterOf("P0010");
        }

        Report = CliRunner.Run(Dir.Path, "report", CampaignId, "--db", "out/notices.db", "--out", "out");
        Status = CliRunner.Run(Dir.Path, "status", CampaignId, "--db", "out/notices.db");
    }

    public const string CampaignId = "fa830-minimed-dk";

    public TempDirectory Dir { get; } = new();
    public CliRunner.Result Demo { get; }
    public CliRunner.Result Report { get; }
    public CliRunner.Result Status { get; }
    public string UnreachableLetter { get; } = "";
    public string Db => Path.Combine(Dir.Path, "out", "notices.db");
    public string Campaign => Path.Combine(Dir.Path, "out", CampaignId);
    public string Pdf => Path.Combine(Campaign, "report.pdf");

    public void Dispose() => Dir.Dispose();
}

public sealed class ReportCliTests(ReportCliFixture run) : IClassFixture<ReportCliFixture>
{
    /// <summary>Names that appear in the sample's letters; none may appear in a report or in status.</summary>
    private static readonly string[] Names = ["Lars Kristensen", "Kristensen"];

    [Fact]
    public void Report_writes_the_pdf_the_csv_and_the_ledger_head_and_prints_their_paths()
    {
        Assert.True(run.Demo.ExitCode == 3, run.Demo.All); // the sample has one unreachable patient
        Assert.True(run.Report.ExitCode == 0, run.Report.All);
        foreach (var name in new[] { "report.pdf", "report.csv", "report-ledger.csv" })
        {
            var path = Path.Combine(run.Campaign, name);
            Assert.True(File.Exists(path), path);
            Assert.Contains(path, run.Report.StdOut.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_pdf_shows_danish_headings_totals_percentages_the_unreached_ids_and_the_ledger_head()
    {
        var text = Poppler.Text(run.Pdf);

        Assert.Contains("Effektivitetskontrol af sikkerhedsmeddelelse", text, StringComparison.Ordinal);
        Assert.Contains("Samlet opgørelse", text, StringComparison.Ordinal);
        Assert.Contains("Nået og kvitteret over tid", text, StringComparison.Ordinal);
        Assert.Contains("Nået pr. kanal", text, StringComparison.Ordinal);
        Assert.Contains("Patienter, der ikke er nået", text, StringComparison.Ordinal);
        Assert.Matches(@"Berørte patienter\s+33\s+100,0 %", text);
        Assert.Matches(@"Nået i alt\s+32\s+97,0 %", text);
        Assert.Matches(@"Kan ikke nås\s+1\s+3,0 %", text);
        Assert.Matches(@"Kvitteret\s+3\s+9,1 %", text);
        Assert.Matches(@"Mangler kvittering\s+30\s+90,9 %", text);
        Assert.Matches(run.UnreachableLetter + @"\s+P0010\s+Ingen postadresse", text);
        Assert.Contains("FA830", text, StringComparison.Ordinal);

        var ledgerCsv = File.ReadAllLines(Path.Combine(run.Campaign, "report-ledger.csv"))[1].Split(';');
        var head = ledgerCsv[3];
        Assert.Matches("^[0-9]+:[0-9a-f]{64}$", head);
        Assert.Contains("Ledger-hoved: " + head, Poppler.RawText(run.Pdf), StringComparison.Ordinal);
        Assert.Contains("Rækker i ledgeren: " + ledgerCsv[2], text, StringComparison.Ordinal);
        Assert.Contains("Ledger head: " + head, run.Status.StdOut, StringComparison.Ordinal);
        Assert.All(Names, n => Assert.DoesNotContain(n, text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_pdf_embeds_every_font_and_renders_to_pages()
    {
        var fonts = Poppler.Run("pdffonts", run.Pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"\byes\s+yes\s+yes\b", f)); // emb sub uni
        var pages = Poppler.Pages(run.Pdf);
        Assert.InRange(pages, 2, 4);
        var prefix = Path.Combine(run.Dir.Path, "page");
        Poppler.Run("pdftoppm", "-r", "60", "-png", run.Pdf, prefix);
        Assert.Equal(pages, Directory.GetFiles(run.Dir.Path, "page*.png").Length);
    }

    [Fact]
    public void The_csv_has_one_row_per_affected_patient_with_the_acknowledgements()
    {
        var rows = File.ReadAllLines(Path.Combine(run.Campaign, "report.csv")).Skip(1).Where(l => l.Length > 0).ToList();

        Assert.Equal(SampleFacts.AffectedPatients, rows.Count);
        Assert.Equal(3, rows.Count(r => r.Contains(";yes;", StringComparison.Ordinal)));
        Assert.Contains(rows, r => r.Contains(";P0006;", StringComparison.Ordinal) && r.Contains(";phone;\"'=ringede selv\";", StringComparison.Ordinal));
        Assert.Single(rows, r => r.Contains(";P0010;none;Unreachable;unreachable;", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_shows_the_same_figures_as_tables_and_bar_charts_without_names_or_escape_codes()
    {
        var status = run.Status;

        Assert.True(status.ExitCode == 0, status.All);
        Assert.Matches(@"affected\s*│\s*33\s*│\s*100\.0 %", status.StdOut);
        Assert.Matches(@"reached\s*│\s*32\s*│\s*97\.0 %", status.StdOut);
        Assert.Matches(@"acknowledged\s*│\s*3\s*│\s*9\.1 %", status.StdOut);
        Assert.Matches(@"outstanding \(not acknowledged\)\s*│\s*30\s*│", status.StdOut);
        Assert.Matches(@"unreachable\s*│\s*1\s*│\s*3\.0 %", status.StdOut);
        Assert.Contains("reach by channel", status.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"email accepted only\s+█+\s*\d+", status.StdOut);
        Assert.Matches(@"outstanding\s+█+\s*30", status.StdOut);
        Assert.DoesNotContain("\u001b[", status.StdOut, StringComparison.Ordinal);
        Assert.All(Names, n => Assert.DoesNotContain(n, status.All, StringComparison.Ordinal));
        Assert.Matches(new Regex(@"Ledger rows: \d+"), status.StdOut);
    }

    [Fact]
    public void Report_help_has_an_example()
    {
        var help = CliRunner.Run(run.Dir.Path, "report", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("notices report fa830-minimed-dk", help.StdOut, StringComparison.Ordinal);
        Assert.Contains("report.pdf", help.StdOut, StringComparison.Ordinal);
    }
}
