using Notices.Letters.Layout;
using Notices.Tests.Letters.Pdf;
using Xunit;
using static Notices.Tests.Letters.Layout.LayoutAssertions;

namespace Notices.Tests.Letters.Layout;

/// <summary>The return line: small, inside the window, above the recipient, who still fits below it.</summary>
public sealed class ReturnLineLayoutTests
{
    private static readonly string[] s_lines = ["Ved varig adresseændring returneres brevet til:", "Medicoteknik Danmark A/S, Lautrupvang 2, 2750 Ballerup"];

    private static readonly string[] s_longestAddress =
    [
        "Maximilian Christoffer Østergaard-Bækgaard Hansen",
        "c/o Hjørdis Wróbel-Yılmaz, Plejecenter Søndergården",
        "Kongens Nytorv 123, 4. sal, lejlighed 17, opgang B",
        "Postboks 4567, Centralpostkontoret for Nordsjælland",
        "2300 København S, Amager Øst, Region Hovedstaden",
        "DANMARK (Kongeriget Danmark inkl. Grønland, Færø)",
    ];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void The_return_line_is_small_inside_the_window_and_above_a_recipient_that_still_fits(bool largePrint, bool longestAddress)
    {
        var letter = SampleLetters.Create(largePrint: largePrint, recipientLines: longestAddress ? s_longestAddress : null) with { ReturnLines = s_lines };
        var layout = LayoutOf(letter);
        var page = layout.Pages[0];

        var returnLines = page.TextRuns.Where(r => r.Role == TextRole.ReturnAddress).ToList();
        var address = page.TextRuns.Where(r => r.Role == TextRole.Address).ToList();
        Assert.Equal(s_lines, returnLines.Select(r => r.Text));
        Assert.False(returnLines[0].Bounds.Overlaps(returnLines[1].Bounds));
        foreach (var returnLine in returnLines)
        {
            Assert.True(returnLine.Bounds.IsInside(layout.Window), $"{returnLine.Bounds} outside {layout.Window}");
            Assert.True(returnLine.Size <= FirstPageHeader.ReturnLineSize);
            Assert.True(returnLine.Size < address[0].Size, "the return line is smaller than the recipient");
            Assert.All(address, r => Assert.True(returnLine.Bounds.Bottom <= r.Bounds.Y, $"'{r.Text}' is not below the return line"));
        }

        Assert.All(address, r => Assert.True(r.Bounds.IsInside(layout.Window), $"'{r.Text}' {r.Bounds} outside {layout.Window}"));
        Assert.Equal(letter.RecipientLines, address.Select(r => r.Text));
    }

    [Fact]
    public void Without_a_return_line_nothing_is_drawn_and_the_recipient_starts_at_the_top_of_the_window()
    {
        var without = LayoutOf(SampleLetters.Create());
        var with = LayoutOf(SampleLetters.Create() with { ReturnLines = s_lines });

        Assert.DoesNotContain(without.Pages.SelectMany(p => p.TextRuns), r => r.Role == TextRole.ReturnAddress);
        var first = without.Pages[0].TextRuns.First(r => r.Role == TextRole.Address);
        var moved = with.Pages[0].TextRuns.First(r => r.Role == TextRole.Address);
        Assert.True(moved.Baseline > first.Baseline, "the return line pushes the recipient down");
    }

    [Fact]
    public void A_very_long_sender_address_is_shrunk_then_cut_never_leaving_the_window()
    {
        var longAddress = string.Join(", ", Enumerable.Repeat("Medicoteknik Danmark A/S, Afdeling for kvalitet og regulatoriske forhold", 4));
        var layout = LayoutOf(SampleLetters.Create() with { ReturnLines = [s_lines[0], longAddress] });

        var runs = layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.ReturnAddress).ToList();
        Assert.Equal(s_lines[0], runs[0].Text);
        Assert.All(runs, r => Assert.Equal(FirstPageHeader.ReturnLineMinSize, r.Size, 3));
        Assert.EndsWith("…", runs[1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Medicoteknik Danmark A/S, Afdeling", runs[1].Text, StringComparison.Ordinal);
        Assert.All(runs, r => Assert.True(r.Bounds.IsInside(layout.Window), $"{r.Bounds} outside {layout.Window}"));

        // A bit too long only shrinks, keeping every character.
        var slightly = "Medicoteknik Danmark A/S, Afdeling for kvalitet, Lautrupvang 2, 2750 Ballerup";
        var shrunk = LayoutOf(SampleLetters.Create() with { ReturnLines = [s_lines[0], slightly] }).Pages[0].TextRuns
            .Where(r => r.Role == TextRole.ReturnAddress).ToList();
        Assert.Equal(slightly, shrunk[1].Text);
        Assert.True(shrunk[1].Size < FirstPageHeader.ReturnLineSize && shrunk[1].Size >= FirstPageHeader.ReturnLineMinSize);
    }

    [Fact]
    public void The_return_line_is_printed_on_page_one_of_the_pdf()
    {
        using var pdf = new TempPdf(SampleLetters.Create() with { ReturnLines = s_lines });

        var page1 = Poppler.Run("pdftotext", "-f", "1", "-l", "1", "-enc", "UTF-8", pdf.Path, "-");
        var rest = Poppler.Run("pdftotext", "-f", "2", "-enc", "UTF-8", pdf.Path, "-");
        Assert.Contains("Ved varig adresseændring returneres brevet til", page1, StringComparison.Ordinal);
        Assert.DoesNotContain("returneres brevet til", rest, StringComparison.Ordinal);
        // Above the recipient in reading order.
        Assert.True(page1.IndexOf("returneres brevet til", StringComparison.Ordinal)
            < page1.IndexOf("Kastanievej 15", StringComparison.Ordinal));
    }
}
