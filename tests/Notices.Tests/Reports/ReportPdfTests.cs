using Notices.Ledger;
using Notices.Model;
using Notices.Reports;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reports;

public sealed class ReportPdfTests : IDisposable
{
    private static readonly ReportCampaign Campaign =
        new("EFF", "FA830", "MiniMed 780G: pumpen kan stoppe uden varsel (æøå)", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20));

    private static readonly LedgerHeadSummary Head = new(new LedgerHeadPin(77, new string('b', 64)), 77, "0123456789abcdef", true);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(EffectivenessFigures figures, string name)
    {
        var (path, pages) = EffectivenessReportPdf.Write(figures, Head, Path.Combine(_dir.Path, name));
        Assert.Equal(pages, Poppler.Pages(path));
        return path;
    }

    [Fact]
    public void The_report_reads_in_danish_with_totals_percentages_unreached_ids_and_the_ledger_head()
    {
        var pdf = Write(EffectivenessFigures.From(HandLedger.NinePatients().Project(), Campaign), "nine");
        var text = Poppler.Text(pdf);

        Assert.Contains("Effektivitetskontrol af sikkerhedsmeddelelse", text, StringComparison.Ordinal);
        Assert.Contains("Lægemiddelstyrelsen", text, StringComparison.Ordinal);
        Assert.Contains("MiniMed 780G: pumpen kan stoppe uden varsel (æøå)", text, StringComparison.Ordinal);
        Assert.Contains("2. november 2026", text, StringComparison.Ordinal);
        Assert.Contains("20. november 2026", text, StringComparison.Ordinal);
        Assert.Matches(@"E-mail, leveret \(leveringsrapport\)\s+1\s+11,1 %", text);
        Assert.Matches(@"E-mail, afleveret \(uden rapport\)\s+1\s+11,1 %", text);
        Assert.Matches(@"Brev med posten\s+2\s+22,2 %", text);
        Assert.Matches(@"Mislykket\s+3\s+33,3 %", text);
        Assert.Matches(@"Uvis \(afbrudt afsendelse\)\s+1\s+11,1 %", text);
        Assert.Matches(@"Nået i alt\s+4\s+44,4 %", text);
        Assert.Matches(@"Kvitteret\s+3\s+33,3 %", text);
        Assert.Matches(@"Påmindelser sendt\s+2\s+til 2 patienter", text);
        Assert.Matches(@"EFF-0004\s+P4\s+Brevet kom retur", text);
        Assert.Matches(@"EFF-0003\s+P3\s+E-mailen kom retur \(afvist efter aflevering\);", text);
        var flat = System.Text.RegularExpressions.Regex.Replace(Poppler.RawText(pdf), @"\s+", " ");
        Assert.Contains("påmindelse sendt: EFF-0003-R1", flat, StringComparison.Ordinal); // the reminder that went by post
        Assert.Matches(@"EFF-0006\s+P6\s+Uvist om e-mailen gik ud", text);
        Assert.DoesNotContain("EFF-0001 ", text, StringComparison.Ordinal); // reached patients are not listed
        Assert.Contains("Ledger-hoved: 77:" + new string('b', 64), Poppler.RawText(pdf), StringComparison.Ordinal);
        Assert.Contains("nøgle-id 0123456789abcdef", text, StringComparison.Ordinal);
        var fonts = Poppler.Run("pdffonts", pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.All(fonts, f => Assert.Matches(@"\byes\s+yes\s+yes\b", f));
    }

    [Fact]
    public void Five_thousand_patients_not_reached_add_pages_instead_of_overflowing()
    {
        var small = Poppler.Pages(Write(EffectivenessFigures.From(HandLedger.NinePatients().Project(), Campaign), "small"));
        var ledger = HandLedger.NinePatients();
        for (var i = 1; i <= 5000; i++)
        {
            ledger.Add("EFF-U" + i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture), "Q" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, new Unreachable("no address"));
        }

        var pdf = Write(EffectivenessFigures.From(ledger.Project(), Campaign), "big");
        var pages = Poppler.Pages(pdf);

        Assert.True(pages > small + 50, $"{pages} pages against {small}");
        var text = Poppler.Text(pdf);
        Assert.Matches(@"EFF-U00001\s+Q1\s+Ingen postadresse", text);
        Assert.Matches(@"EFF-U05000\s+Q5000\s+Ingen postadresse", text);
        Assert.Contains("5.005 berørte patienter er ikke nået", text, StringComparison.Ordinal);
        Assert.Contains($"Side {pages} af {pages}", text, StringComparison.Ordinal);
        Assert.Contains("Ledger-hoved: 77:", Poppler.Run("pdftotext", "-f", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), "-enc", "UTF-8", pdf, "-"), StringComparison.Ordinal);
    }
}
