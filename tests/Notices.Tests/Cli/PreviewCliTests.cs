using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// <c>notices preview</c> as a user runs it: the proof's files, the patient's data in them, the same letter as
/// <c>send</c> made, and a store and ledger left exactly as they were.
/// </summary>
public sealed class PreviewCliTests(PreviewFixture fixture) : IClassFixture<PreviewFixture>
{
    private const string Campaign = "fa830-minimed-dk";

    [Fact]
    public void A_patients_proof_has_pdf_page_images_and_email_with_their_serials_and_name_but_no_name_on_the_console()
    {
        Assert.True(fixture.Send.ExitCode is 0 or 3, fixture.Send.All);
        var run = Preview("p0006", "--patient", "P0006", "--db", fixture.SentDb);
        Assert.True(run.ExitCode == 0, run.All);

        var dir = ProofDir("p0006");
        var pdf = Path.Combine(dir, "P0006.pdf");
        var text = Poppler.RawText(pdf);
        Assert.Contains("NG1000222H", text, StringComparison.Ordinal);
        Assert.Contains("NG2000006H", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "P0006-page-1.png")), run.All);
        Assert.Equal(Poppler.Pages(pdf), Directory.GetFiles(dir, "P0006-page-*.png").Length);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(dir, "P0006-page-1.png")).Take(4).ToArray());

        var html = File.ReadAllText(Path.Combine(dir, "P0006-email.html"));
        var plain = File.ReadAllText(Path.Combine(dir, "P0006-email.txt"));
        Assert.Contains("Lars Kristensen", html, StringComparison.Ordinal);
        Assert.Contains("Lars Kristensen", plain, StringComparison.Ordinal);
        Assert.Contains("NG2000006H", plain, StringComparison.Ordinal);
        Assert.StartsWith("<", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("FA830", File.ReadAllText(Path.Combine(dir, "P0006-email-subject.txt")), StringComparison.Ordinal);

        // Ids and paths on the console, never the name or the address.
        Assert.Contains("P0006", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(pdf, run.StdOut.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Kristensen", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Fælledvej", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void The_proof_is_the_letter_send_made_with_the_same_letter_id()
    {
        var letterId = fixture.LetterIdOf("P0006");
        var run = Preview("same", "--patient", "P0006", "--db", fixture.SentDb);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains(letterId, run.StdOut, StringComparison.Ordinal);

        var sent = Poppler.RawText(Path.Combine(fixture.Dir.Path, "sent-out", Campaign, "letters", letterId + ".pdf"));
        var proof = Poppler.RawText(Path.Combine(ProofDir("same"), "P0006.pdf"));
        Assert.Contains(letterId, proof, StringComparison.Ordinal);
        Assert.Equal(sent, proof);
    }

    [Fact]
    public void A_patient_without_a_letter_id_yet_gets_a_marked_preview_id()
    {
        var run = Preview("fresh", "--patient", "P0002", "--db", fixture.FreshDb);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("FA830-DK-PREVIEW", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("FA830-DK-PREVIEW", Poppler.RawText(Path.Combine(ProofDir("fresh"), "P0002.pdf")), StringComparison.Ordinal);
        Assert.Contains("NG1000074H", Poppler.RawText(Path.Combine(ProofDir("fresh"), "P0002.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_leaves_the_ledger_and_the_store_file_unchanged()
    {
        foreach (var db in new[] { fixture.SentDb, fixture.FreshDb })
        {
            var before = PreviewFixture.StoreState(db);
            Assert.Equal(0, Preview("unchanged", "--patient", "P0006", "--db", db).ExitCode);
            Assert.Equal(0, Preview("unchanged", "--patient", "P0001", "--db", db, "--large-print").ExitCode);
            Assert.Equal(2, Preview("unchanged", "--patient", "P0003", "--db", db).ExitCode);
            Assert.Equal(0, Preview("unchanged", "--sample", "--db", db).ExitCode);
            Assert.Equal(before, PreviewFixture.StoreState(db));
        }

        // The sent store has a ledger, so the comparison above compared something.
        Assert.True(int.Parse(PreviewFixture.StoreState(fixture.SentDb).Split('|')[0], System.Globalization.CultureInfo.InvariantCulture) > 30);
    }

    [Fact]
    public void Large_print_gives_a_larger_font_and_more_pages()
    {
        Assert.Equal(0, Preview("lp", "--patient", "P0006", "--db", fixture.SentDb).ExitCode);
        Assert.Equal(0, Preview("lp", "--patient", "P0006", "--db", fixture.SentDb, "--large-print").ExitCode);
        var normal = Path.Combine(ProofDir("lp"), "P0006.pdf");
        var large = Path.Combine(ProofDir("lp"), "P0006-large-print.pdf");
        Assert.True(Poppler.Pages(large) > Poppler.Pages(normal), $"{Poppler.Pages(large)} pages large print, {Poppler.Pages(normal)} normal");
        Assert.True(BodyWordHeight(large) > BodyWordHeight(normal) * 1.2, $"{BodyWordHeight(large)} vs {BodyWordHeight(normal)}");
    }

    [Fact]
    public void An_unknown_patient_exits_2_with_one_line_and_writes_nothing()
    {
        var run = Preview("unknown", "--patient", "P9999", "--db", fixture.SentDb);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("P9999", run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(ProofDir("unknown")));
    }

    [Fact]
    public void A_patient_the_notice_does_not_affect_exits_2_and_points_at_explain()
    {
        // P0003: a Veo 754 at 2.7A, above the rule's software_max 2.6A.
        var run = Preview("unaffected", "--patient", "P0003", "--db", fixture.SentDb);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--explain P0003", run.StdErr, StringComparison.Ordinal);
        Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Krøyer", run.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ProofDir("unaffected")));
    }

    [Fact]
    public void Without_pdftoppm_on_path_it_says_so_and_writes_the_rest()
    {
        using var emptyBin = new TempDirectory();
        var run = CliRunner.Run(fixture.Dir.Path, new Dictionary<string, string> { ["PATH"] = emptyBin.Path },
            "preview", RepoPaths.SampleNotice, "--patient", "P0006", "--db", fixture.SentDb, "--out", "no-poppler");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("pdftoppm not found (install poppler-utils); page images skipped", run.All, StringComparison.Ordinal);
        var dir = ProofDir("no-poppler");
        Assert.True(File.Exists(Path.Combine(dir, "P0006.pdf")));
        Assert.True(File.Exists(Path.Combine(dir, "P0006-email.html")));
        Assert.True(File.Exists(Path.Combine(dir, "P0006-email.txt")));
        Assert.Empty(Directory.GetFiles(dir, "*.png"));
    }

    [Fact]
    public void Sample_needs_no_store_and_lists_a_device_the_first_rule_matches()
    {
        using var empty = new TempDirectory();
        var run = CliRunner.Run(empty.Path, "preview", RepoPaths.SampleNotice);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("sample", run.StdOut, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(empty.Path, "out", "notices.db")), "preview must not create a store");

        var dir = Path.Combine(empty.Path, "out", Campaign, "preview");
        var text = Poppler.RawText(Path.Combine(dir, "sample.pdf"));
        Assert.Contains("MiniMed 508", text, StringComparison.Ordinal);
        Assert.Contains("PREVIEW-0001", text, StringComparison.Ordinal);
        Assert.Contains("FA830-DK-PREVIEW", text, StringComparison.Ordinal);
        Assert.Contains("Birgitte Prøvesen", File.ReadAllText(Path.Combine(dir, "sample-email.txt")), StringComparison.Ordinal);
        Assert.DoesNotContain("Prøvesen", run.All, StringComparison.Ordinal);
        Assert.NotEmpty(File.ReadAllText(Path.Combine(dir, "sample-email.html")));
        Assert.NotEmpty(Directory.GetFiles(dir, "sample-page-*.png"));
    }

    [Fact]
    public void The_date_option_prints_that_date_and_a_bad_one_is_refused()
    {
        Assert.Equal(0, Preview("dated", "--sample", "--date", "2027-02-28").ExitCode);
        Assert.Contains("28. februar 2027", Poppler.RawText(Path.Combine(ProofDir("dated"), "sample.pdf")), StringComparison.Ordinal);
        var bad = Preview("dated", "--sample", "--date", "28-02-2027");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--date", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Patient_and_sample_together_is_a_usage_error()
    {
        var run = Preview("both", "--patient", "P0006", "--sample", "--db", fixture.SentDb);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--sample", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_store_for_a_patient_exits_2_and_creates_none()
    {
        var run = Preview("nostore", "--patient", "P0006", "--db", "nope/none.db");
        Assert.Equal(2, run.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(fixture.Dir.Path, "nope")));
    }

    [Fact]
    public void An_unreachable_patient_still_gets_a_proof_marked_not_sent()
    {
        // P0010: no address and no email consent.
        var run = Preview("unreachable", "--patient", "P0010", "--db", fixture.SentDb);
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("unreachable", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("NG1000370H", Poppler.RawText(Path.Combine(ProofDir("unreachable"), "P0010.pdf")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_id_with_path_characters_stays_inside_the_preview_folder()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("patients.csv"), "patient_id,first_name,last_name,address_line1,postal_code,city\n../../evil,Ib,Holm,Vejen 1,8000,Aarhus C\n");
        File.WriteAllText(dir.File("devices.csv"), "patient_id,manufacturer,model,serial_number\n../../evil,Medtronic,MiniMed 508,SER-EVIL\n");
        var import = CliRunner.Run(dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "e.db");
        Assert.True(import.ExitCode == 0, import.All);

        var run = CliRunner.Run(dir.Path, "preview", RepoPaths.SampleNotice, "--patient", "../../evil", "--db", "e.db", "--out", "o");
        Assert.True(run.ExitCode == 0, run.All);
        var proofDir = Path.Combine(dir.Path, "o", Campaign, "preview");
        var pdf = Assert.Single(Directory.GetFiles(proofDir, "*.pdf"));
        Assert.Equal("_.._evil.pdf", Path.GetFileName(pdf));
        Assert.Contains("SER-EVIL", Poppler.RawText(pdf), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path, "*evil*", SearchOption.AllDirectories), f => !f.StartsWith(proofDir, StringComparison.Ordinal));
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var run = CliRunner.Run(fixture.Dir.Path, "preview", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("notices preview templates/fa830-minimed --patient", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("ledger", run.StdOut, StringComparison.Ordinal);
    }

    private CliRunner.Result Preview(string outDir, params string[] args) =>
        CliRunner.Run(fixture.Dir.Path, ["preview", RepoPaths.SampleNotice, .. args, "--out", outDir]);

    private string ProofDir(string outDir) => Path.Combine(fixture.Dir.Path, outDir, Campaign, "preview");

    /// <summary>Height of the word "Kære" (the salutation) in the PDF, from pdftotext's bounding boxes.</summary>
    private static double BodyWordHeight(string pdf)
    {
        var box = Poppler.Run("pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-");
        var line = box.Split('\n').First(l => l.Contains(">Kære<", StringComparison.Ordinal));
        double Attr(string name)
        {
            var start = line.IndexOf(name + "=\"", StringComparison.Ordinal) + name.Length + 2;
            return double.Parse(line[start..line.IndexOf('"', start)], System.Globalization.CultureInfo.InvariantCulture);
        }

        return Attr("yMax") - Attr("yMin");
    }
}
