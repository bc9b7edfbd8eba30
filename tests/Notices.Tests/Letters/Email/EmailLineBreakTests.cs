using Notices.Campaigns;
using Notices.Letters.Email;
using Notices.Letters.Templates;
using Notices.Tests.Letters.Templates;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Letters.Email;

/// <summary>A line break inside a paragraph of email.md is a line break in both bodies (the signature's name, then organisation).</summary>
public sealed class EmailLineBreakTests
{
    [Fact]
    public void The_samples_signature_keeps_name_and_organisation_on_their_own_lines_in_html_and_text()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        var merged = new NoticeTemplates(notice).Merge(LetterTestData.Letter(), LetterTestData.LetterDate);

        var (html, text) = EmailBodyRenderer.Render(merged.EmailMarkdown);

        Assert.Contains("Camilla Sejersen<br />\nMedtronic Danmark A/S", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Camilla Sejersen Medtronic", html, StringComparison.Ordinal);
        Assert.Contains("Med venlig hilsen\n\nCamilla Sejersen\nMedtronic Danmark A/S\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_soft_break_is_a_break_in_both_bodies_and_a_hard_break_stays_one()
    {
        var (html, text) = EmailBodyRenderer.Render("Linje et\nlinje to  \nlinje tre\n\nNyt afsnit\n");

        Assert.Contains("<p>Linje et<br />\nlinje to<br />\nlinje tre</p>", html, StringComparison.Ordinal);
        Assert.StartsWith("Linje et\nlinje to\nlinje tre\n\nNyt afsnit\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_line_is_still_wrapped_in_the_text_body()
    {
        var words = string.Join(' ', Enumerable.Repeat("sikkerhedsmeddelelse", 10));
        var (_, text) = EmailBodyRenderer.Render(words + "\nslut\n");

        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= PlainTextRenderer.DefaultWidth, l));
        Assert.EndsWith("\nslut\n", text, StringComparison.Ordinal);
    }
}
