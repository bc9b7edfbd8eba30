using Xunit;
using Notices.Letters.Templates;

namespace Notices.Tests.Letters.Templates;

public sealed class DanishDatesTests
{
    [Theory]
    [InlineData(2026, 11, 21, "21. november 2026")]
    [InlineData(2027, 1, 1, "1. januar 2027")]
    [InlineData(2026, 5, 9, "9. maj 2026")]
    [InlineData(2026, 3, 31, "31. marts 2026")]
    public void LongDate_IsDanishWithoutLeadingZeroAndLowerCaseMonth(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, DanishDates.LongDate(new DateOnly(year, month, day)));
    }

    [Fact]
    public void DatoHelper_WritesDanishDateInMergedText()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{dato letter.date}}|{{letter.date_text}}"));

        var merged = templates.Merge(LetterTestData.Letter(), new DateOnly(2027, 1, 1));

        // Escaped: "1. januar" at the start of a line would otherwise begin a numbered list.
        Assert.Equal(@"1\. januar 2027|1\. januar 2027", merged.LetterMarkdown);
    }

    [Fact]
    public void DateAtLineStart_StaysAParagraph()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{dato letter.date}}\n"));

        var merged = templates.Merge(LetterTestData.Letter(), new DateOnly(2027, 1, 1));
        var document = Markdig.Markdown.Parse(merged.LetterMarkdown, Notices.Letters.MarkdownPipelines.Letter);

        var paragraph = Assert.IsType<Markdig.Syntax.ParagraphBlock>(Assert.Single(document));
        Assert.Equal("1. januar 2027", Notices.Letters.Email.PlainTextInlines.ToText(paragraph.Inline));
    }

    [Fact]
    public void DatoHelper_AcceptsIsoStringAndRejectsGarbage()
    {
        var ok = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{dato \"2026-12-24\"}}"));
        Assert.Equal(@"24\. december 2026", ok.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);

        var bad = new NoticeTemplates(LetterTestData.Package(letterTemplate: "x\n{{dato letter.id}}"));
        var error = Assert.Throws<NoticeTemplateException>(() => bad.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));
        Assert.Equal(2, error.Line);
    }
}
