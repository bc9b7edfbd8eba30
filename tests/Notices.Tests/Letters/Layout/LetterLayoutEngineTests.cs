using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Xunit;
using static Notices.Tests.Letters.Layout.LayoutAssertions;

namespace Notices.Tests.Letters.Layout;

public sealed class LetterLayoutEngineTests
{
    private static readonly LetterLayout s_sample = LayoutOf(SampleLetters.Create());

    [Fact]
    public void Sample_letter_is_about_three_pages_plus_a_reply_form_on_its_own_last_page()
    {
        Assert.InRange(s_sample.Pages.Count, 4, 6);
        Assert.Equal(s_sample.Pages.Count, s_sample.ReplyFormPage);
        var replyPage = s_sample.Pages[^1];
        Assert.Contains(replyPage.TextRuns, r => r.Text == "Kvitteringsformular");
        // Nothing of the body shares the reply form's page.
        Assert.DoesNotContain(replyPage.TextRuns, r => r.Role is TextRole.Body or TextRole.Signature);
        Assert.Contains(replyPage.Ops, op => op is QrOp);
    }

    [Fact]
    public void Address_lines_are_inside_the_envelope_window()
    {
        var address = s_sample.Pages[0].TextRuns.Where(r => r.Role == TextRole.Address).ToList();
        Assert.Equal(6, address.Count);
        Assert.All(address, r => Assert.True(r.Bounds.IsInside(s_sample.Window), $"'{r.Text}' at {r.Bounds} is outside {s_sample.Window}"));
        Assert.Equal(PageGeometry.Mm(20), s_sample.Window.X, 3);
        Assert.Equal(PageGeometry.Mm(45), s_sample.Window.Y, 3);
    }

    [Fact]
    public void Nothing_is_drawn_outside_the_10_mm_printable_margins()
    {
        foreach (var layout in new[] { s_sample, LayoutOf(SampleLetters.Create(largePrint: true)) })
        {
            var m = PageGeometry.Mm(10);
            var printable = new Box(m, m, layout.PageWidth - (2 * m), layout.PageHeight - (2 * m));
            foreach (var page in layout.Pages)
            {
                Assert.All(page.Ops, op => Assert.True(op.Bounds.IsInside(printable), $"page {page.Number}: {op} outside"));
            }
        }
    }

    [Fact]
    public void Every_page_has_a_footer_with_its_number_the_page_count_and_the_letter_id()
    {
        var count = s_sample.Pages.Count;
        foreach (var page in s_sample.Pages)
        {
            var footer = page.TextRuns.Where(r => r.Role == TextRole.Footer).Select(r => r.Text).ToList();
            Assert.Contains($"Side {page.Number} af {count}", footer);
            Assert.Contains(SampleLetters.LetterId, footer);
        }
    }

    [Fact]
    public void First_page_carries_sender_reference_date_title_and_subject()
    {
        var texts = s_sample.Pages[0].TextRuns.Select(r => r.Text).ToList();
        Assert.Contains("Medicoteknik Danmark A/S", texts);
        Assert.Contains("Tlf. 70 20 30 40", texts);
        Assert.Contains("Vores ref.: FA830", texts);
        Assert.Contains("21. november 2026", texts);
        var title = Assert.Single(s_sample.Pages[0].TextRuns, r => r.Role == TextRole.Title);
        Assert.Equal("Vigtig sikkerhedsmeddelelse", title.Text);
        Assert.True(title.Size > s_sample.BodyFontSize * 1.4);
        // Sender block is right of the window, so it cannot show through the envelope.
        Assert.All(s_sample.Pages[0].TextRuns.Where(r => r.Role == TextRole.Sender), r => Assert.True(r.X > s_sample.Window.Right));
    }

    [Fact]
    public void No_two_text_runs_on_a_page_overlap()
    {
        foreach (var layout in new[] { s_sample, LayoutOf(SampleLetters.Create(largePrint: true)) })
        {
            foreach (var page in layout.Pages)
            {
                var runs = page.TextRuns.ToList();
                for (var i = 0; i < runs.Count; i++)
                {
                    for (var j = i + 1; j < runs.Count; j++)
                    {
                        Assert.False(runs[i].Bounds.Overlaps(runs[j].Bounds, tolerance: 0.05),
                            $"page {page.Number}: '{runs[i].Text}' {runs[i].Bounds} overlaps '{runs[j].Text}' {runs[j].Bounds}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Body_text_stays_inside_the_content_width()
    {
        var right = s_sample.ContentLeft + s_sample.ContentWidth;
        foreach (var page in s_sample.Pages)
        {
            Assert.All(FlowRuns(page), r => Assert.InRange(r.Bounds.Right, s_sample.ContentLeft, right + 0.01));
        }
    }

    [Fact]
    public void Bold_italic_and_bold_italic_runs_share_one_line()
    {
        var layout = LayoutOf(SampleLetters.Create(body: "Almindelig **fed** og *kursiv* og ***begge dele*** på én linje."));
        var runs = layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.Body).ToList();
        Assert.Single(runs.Select(r => r.Baseline).Distinct());
        Assert.Equal(
            [("Almindelig ", FontFace.Regular), ("fed", FontFace.Bold), (" og ", FontFace.Regular), ("kursiv", FontFace.Italic),
             (" og ", FontFace.Regular), ("begge dele", FontFace.BoldItalic), (" på én linje.", FontFace.Regular)],
            runs.OrderBy(r => r.X).Select(r => (r.Text, r.Face)));
        // Runs follow each other without gaps or overlaps.
        var ordered = runs.OrderBy(r => r.X).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i - 1].Bounds.Right, ordered[i].X, 3);
        }
    }

    [Fact]
    public void Links_print_their_text_and_the_url_when_different()
    {
        var all = string.Join(" ", s_sample.Pages.Select(PageText));
        Assert.Contains("vores hjemmeside (https://www.example.com/fsn/fa830)", all, StringComparison.Ordinal);
        Assert.DoesNotContain("https://www.example.com (https://www.example.com)", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbered_list_has_ten_markers_with_hanging_indent()
    {
        var runs = s_sample.Pages.SelectMany(p => p.TextRuns).ToList();
        var markers = runs.Where(r => r.Role == TextRole.ListMarker && r.Text.EndsWith('.')).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"{i}."), markers.Select(m => m.Text));
        // Wrapped lines of an item start at the item's text column, right of the marker.
        var itemText = runs.Where(r => r.Role == TextRole.Body && r.Text.Contains("sygeplejersken", StringComparison.Ordinal)).ToList();
        Assert.All(itemText, r => Assert.True(r.X > markers.Max(m => m.Bounds.Right)));
        Assert.Contains(runs, r => r.Role == TextRole.ListMarker && r.Text == "–"); // nested bullet
    }
}
