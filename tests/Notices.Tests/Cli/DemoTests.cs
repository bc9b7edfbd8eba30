using System.Security.Cryptography;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>The whole pipeline on the bundled sample, checked through the files a user would open.</summary>
public sealed class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    // Facts of samples/*.csv (see README, "The sample"): who is affected, and how each one is reached.
    private static readonly string[] EmailPatients = SampleFacts.EmailPatients;

    [Fact]
    public void Demo_exits_0_and_prints_a_summary_with_a_verified_ledger()
    {
        Assert.True(demo.First.ExitCode == 0, demo.First.All);
        Assert.Contains("demo summary", demo.First.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"ledger verified\s*│\s*yes", demo.First.StdOut);
        Assert.Matches(@"unreachable\s*│\s*1\b", demo.First.StdOut);
    }

    [Fact]
    public void Every_reachable_affected_patient_has_a_letter_pdf()
    {
        var pdfs = Directory.GetFiles(Path.Combine(demo.Campaign, "letters"), "*.pdf");
        var originals = pdfs.Where(p => !p.Contains("-R", StringComparison.Ordinal)).ToList();
        Assert.Equal(SampleFacts.AffectedPatients - 1, originals.Count);
        Assert.All(originals, p => Assert.Matches(@"FA830-(DK|SE)-\d{6}\.pdf$", p));
        // The demo's follow-up: every third reached patient acknowledged, the others reminded once (-R1).
        var reached = SampleFacts.AffectedPatients - 1;
        var acknowledged = (reached + 2) / 3;
        var reminders = pdfs.Where(p => p.Contains("-R", StringComparison.Ordinal)).ToList();
        Assert.Equal(reached - acknowledged, reminders.Count);
        Assert.All(reminders, p => Assert.Matches(@"FA830-(DK|SE)-\d{6}-R1\.pdf$", p));
        Assert.Matches($@"acknowledged\s*│\s*{acknowledged}\b", demo.First.StdOut);
        Assert.Contains("Påmindelse", Poppler.Text(reminders[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Consented_patients_get_one_eml_each_with_the_pdf_attached()
    {
        var emls = Directory.GetFiles(Path.Combine(demo.Campaign, "email"), "*.eml").Where(p => !p.Contains("-R", StringComparison.Ordinal)).ToList();
        Assert.Equal(EmailPatients.Length, emls.Count);
        foreach (var path in emls)
        {
            var mail = EmlMessage.Load(path);
            Assert.EndsWith("@patients.test>", mail.Headers["To"], StringComparison.Ordinal);
            Assert.StartsWith("<FA830-", mail.Headers["Message-ID"], StringComparison.Ordinal);
            var pdf = mail.Attachment("application/pdf");
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            var letterId = Path.GetFileNameWithoutExtension(path);
            var onDisk = File.ReadAllBytes(Path.Combine(demo.Campaign, "letters", letterId + ".pdf"));
            Assert.Equal(SHA256.HashData(onDisk), SHA256.HashData(pdf));
            Assert.Contains("Kære", mail.TextPart("text/plain"), StringComparison.Ordinal);
            Assert.Contains("<html lang=\"da\"", mail.TextPart("text/html"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Post_letters_are_in_a_print_batch_with_a_manifest()
    {
        var print = Path.Combine(demo.Campaign, "print");
        var batch = Path.Combine(print, "batch-0001.pdf");
        Assert.True(File.Exists(batch));
        var manifest = File.ReadAllLines(Path.Combine(print, "manifest.csv")).Skip(1).Where(l => l.Length > 0 && !l.Contains("-R1", StringComparison.Ordinal)).ToList();
        var postLetters = SampleFacts.AffectedPatients - 1 - EmailPatients.Length;
        Assert.Equal(postLetters, manifest.Count);
        Assert.True(Poppler.Pages(batch) >= postLetters * 2, "each letter has at least a body page and the reply form");
    }

    [Fact]
    public void A_patient_with_two_affected_pumps_gets_one_letter_listing_both_and_no_unaffected_serial()
    {
        var letter = LetterOf("P0006");
        var text = Poppler.Text(letter);
        Assert.Contains("NG1000222H", text, StringComparison.Ordinal);
        Assert.Contains("NG2000006H", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NG1000111H", text, StringComparison.Ordinal); // Veo 754 at 2.7A, not affected
        Assert.Contains("Vigtig sikkerhedsmeddelelse", text, StringComparison.Ordinal);
        Assert.Contains("FA830", text, StringComparison.Ordinal);
        Assert.Contains("Lars Kristensen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_csv_has_one_row_per_affected_patient()
    {
        var rows = File.ReadAllLines(Path.Combine(demo.Campaign, "report.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(SampleFacts.AffectedPatients, rows.Count);
        Assert.Single(rows, r => r.Contains(";P0010;", StringComparison.Ordinal) && r.Contains("Unreachable", StringComparison.OrdinalIgnoreCase));
    }

    private string LetterOf(string patientId)
    {
        var row = File.ReadAllLines(Path.Combine(demo.Campaign, "report.csv")).Single(l => l.Contains(";" + patientId + ";", StringComparison.Ordinal));
        var letterId = row.Split(';')[0].Trim('"');
        return Path.Combine(demo.Campaign, "letters", letterId + ".pdf");
    }
}
