using System.Globalization;
using System.Text;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Xunit;
using static Notices.Tests.Letters.Layout.LayoutAssertions;

namespace Notices.Tests.Letters.Layout;

public sealed class PaginationTests
{
    /// <summary>Bodies where the filler before a heading/paragraph grows line by line, so it meets the page foot.</summary>
    private static IEnumerable<string> ShiftingBodies(string tail)
    {
        for (var filler = 0; filler < 46; filler += 1)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < filler; i++)
            {
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Fyldlinje {i} med æøå."));
                sb.AppendLine();
            }

            sb.AppendLine(tail);
            yield return sb.ToString();
        }
    }

    [Fact]
    public void A_heading_is_never_the_last_thing_on_a_page()
    {
        var tail = "## Overskrift før tekst\n\nTekst efter overskriften, som skal stå på samme side som den. " +
                   string.Concat(Enumerable.Repeat("Mere tekst om pumpen og forholdsreglerne. ", 12));
        var checkedPages = 0;
        foreach (var body in ShiftingBodies(tail).Append(SampleLetters.BodyMarkdown()))
        {
            var layout = LayoutOf(SampleLetters.Create(body: body));
            foreach (var page in layout.Pages)
            {
                var flow = FlowRuns(page).ToList();
                foreach (var heading in flow.Where(IsHeading))
                {
                    Assert.True(flow.Any(r => !IsHeading(r) && r.Baseline > heading.Baseline),
                        $"heading '{heading.Text}' is the last block on page {page.Number}");
                    checkedPages++;
                }
            }
        }

        Assert.True(checkedPages > 46);
    }

    [Fact]
    public void Paragraphs_leave_no_single_line_at_the_foot_or_head_of_a_page()
    {
        var tail = string.Concat(Enumerable.Repeat("Enkeltlinjekontrol gælder også her, ", 60));
        var splits = 0;
        foreach (var body in ShiftingBodies(tail))
        {
            var layout = LayoutOf(SampleLetters.Create(body: body));
            var linesPerPage = layout.Pages
                .Select(p => p.TextRuns.Where(r => r.Text.Contains("Enkeltlinjekontrol", StringComparison.Ordinal))
                    .Select(r => Math.Round(r.Baseline, 2)).Distinct().Count())
                .Where(n => n > 0)
                .ToList();
            Assert.All(linesPerPage, n => Assert.True(n >= 2, $"a page holds {n} line(s) of the paragraph"));
            if (linesPerPage.Count > 1)
            {
                splits++;
            }
        }

        Assert.True(splits > 0, "no filler length made the paragraph cross a page");
    }

    [Fact]
    public void A_long_table_splits_and_repeats_its_header_row_on_the_next_page()
    {
        var layout = LayoutOf(SampleLetters.Create());
        var pagesWithRows = layout.Pages
            .Where(p => p.TextRuns.Any(r => r.Role == TextRole.TableCell && r.Text.StartsWith("NG100", StringComparison.Ordinal)))
            .ToList();
        Assert.True(pagesWithRows.Count >= 2, "the 60-row table did not cross a page");
        foreach (var page in pagesWithRows)
        {
            var header = page.TextRuns.Where(r => r.Role == TextRole.TableHeader && r.Text == "Bemærkning").ToList();
            var firstRow = page.TextRuns.Where(r => r.Role == TextRole.TableCell && r.Text.StartsWith("NG100", StringComparison.Ordinal)).Min(r => r.Baseline);
            var h = Assert.Single(header);
            Assert.True(h.Baseline < firstRow, $"header below the rows on page {page.Number}");
        }

        // Every row is printed exactly once, in order.
        var serials = layout.Pages.SelectMany(p => p.TextRuns)
            .Where(r => r.Role == TextRole.TableCell && r.Text.StartsWith("NG100", StringComparison.Ordinal)).Select(r => r.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"NG{1000000 + i}H")), serials);
    }

    [Fact]
    public void A_thematic_break_or_pagebreak_paragraph_starts_a_new_page()
    {
        var layout = LayoutOf(SampleLetters.Create(body: "Før skiftet.\n\n---\n\nEfter skiftet.\n\n\\pagebreak\n\nTredje side."));
        int PageOf(string text) => layout.Pages.First(p => p.TextRuns.Any(r => r.Text.Contains(text, StringComparison.Ordinal))).Number;
        Assert.Equal(1, PageOf("Før skiftet."));
        Assert.Equal(2, PageOf("Efter skiftet."));
        Assert.Equal(3, PageOf("Tredje side."));
        Assert.DoesNotContain(layout.Pages.SelectMany(p => p.TextRuns), r => r.Text.Contains("pagebreak", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_longer_than_the_line_breaks_inside_the_text_width()
    {
        var url = "https://www.example.com/" + string.Concat(Enumerable.Repeat("meget-lang-sti-uden-mellemrum/", 12)) + "slut";
        var layout = LayoutOf(SampleLetters.Create(body: "Se mere her: " + url + " tak."));
        var runs = layout.Pages.SelectMany(p => p.TextRuns).Where(r => r.Role == TextRole.Body).OrderBy(r => r.Baseline).ThenBy(r => r.X).ToList();
        var right = layout.ContentLeft + layout.ContentWidth;
        Assert.All(runs, r => Assert.True(r.Bounds.Right <= right + 0.01, $"'{r.Text}' overflows to {r.Bounds.Right} > {right}"));
        Assert.True(runs.Select(r => r.Baseline).Distinct().Count() >= 3);
        // Nothing lost: the pieces join back to the full URL.
        var joined = string.Concat(runs.Select(r => r.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains(url, joined, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_print_uses_at_least_16_pt_and_keeps_the_address_in_the_window()
    {
        var layout = LayoutOf(SampleLetters.Create(largePrint: true));
        Assert.True(layout.BodyFontSize >= 16);
        var body = layout.Pages.SelectMany(p => p.TextRuns).Where(r => r.Role is TextRole.Body or TextRole.ListMarker).ToList();
        Assert.NotEmpty(body);
        Assert.All(body, r => Assert.True(r.Size >= 16, $"'{r.Text}' is {r.Size} pt"));
        var address = layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.Address).ToList();
        Assert.Equal(6, address.Count);
        Assert.All(address, r => Assert.True(r.Bounds.IsInside(layout.Window), $"'{r.Text}' {r.Bounds} outside {layout.Window}"));
        Assert.True(layout.Pages.Count > LayoutOf(SampleLetters.Create()).Pages.Count);
    }

    [Fact]
    public void A_character_missing_from_the_font_fails_with_its_code_point_and_the_letter_id()
    {
        var ex = Assert.Throws<MissingGlyphException>(() => LayoutOf(SampleLetters.Create(body: "Navn: 中村")));
        Assert.Equal(0x4E2D, ex.CodePoint);
        Assert.Equal(SampleLetters.LetterId, ex.LetterId);
        Assert.Contains("U+4E2D", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SampleLetters.LetterId, ex.Message, StringComparison.Ordinal);
    }
}
