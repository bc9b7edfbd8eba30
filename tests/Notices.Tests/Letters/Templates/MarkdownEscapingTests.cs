using Xunit;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Notices.Letters;
using Notices.Letters.Email;
using Notices.Letters.Templates;

namespace Notices.Tests.Letters.Templates;

public sealed class MarkdownEscapingTests
{
    private const string HostileName = "*Ole* [klik](http://x.test) {{y}} <b>";

    private static MergedLetter MergeHostile(string template)
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template, emailTemplate: template));
        var recipient = LetterTestData.Recipient(firstName: HostileName, lastName: "Ærbødig");
        return templates.Merge(LetterTestData.Letter(recipient), LetterTestData.LetterDate);
    }

    [Fact]
    public void HostileName_SurvivesMarkdownParsingAsLiteralText()
    {
        var merged = MergeHostile("Kære {{patient.first_name}} {{patient.last_name}}\n\nTekst.\n");

        var document = Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter);
        var paragraph = Assert.IsType<ParagraphBlock>(document[0]);
        var inlines = paragraph.Inline!.Descendants<Inline>().ToList();

        Assert.DoesNotContain(inlines, i => i is EmphasisInline or LinkInline or HtmlInline or AutolinkInline);
        Assert.Equal($"Kære {HostileName} Ærbødig", LiteralText(paragraph.Inline!));
    }

    [Fact]
    public void DataContainingMustache_IsNotEvaluatedAgain()
    {
        // Strict mode would throw "y is undefined" if {{y}} in the data were evaluated as a template.
        var merged = MergeHostile("{{patient.first_name}}");

        Assert.Equal(@"\*Ole\* \[klik\]\(http\:\/\/x\.test\) \{\{y\}\} \<b\>", merged.LetterMarkdown);
    }

    [Fact]
    public void HtmlEmail_ShowsHostileNameAsEscapedText()
    {
        var merged = MergeHostile("Kære {{patient.first_name}}\n");

        var (html, _) = EmailBodyRenderer.Render(merged.EmailMarkdown);

        Assert.Contains("*Ole* [klik](http://x.test) {{y}} &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TextEmail_ShowsHostileNameLiterally()
    {
        var merged = MergeHostile("Kære {{patient.first_name}}\n");

        var (_, text) = EmailBodyRenderer.Render(merged.EmailMarkdown);

        Assert.Equal($"Kære {HostileName}\n", text);
    }

    [Fact]
    public void ValueWithLineBreakAndHeadingMarker_CannotStartABlock()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Til {{patient.address_line1}}\n"));
        var recipient = LetterTestData.Recipient(addressLine1: "Vej 1\n# Overskrift\r\n- punkt &amp;");

        var merged = templates.Merge(LetterTestData.Letter(recipient), LetterTestData.LetterDate);
        var document = Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter);

        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(document));
        Assert.Equal("Til Vej 1 # Overskrift - punkt &amp;", LiteralText(paragraph.Inline!));
    }

    [Fact]
    public void Escape_LeavesLettersDigitsAndDanishAlone()
    {
        Assert.Equal("Æble Øl Å 42", MarkdownEscape.Escape("Æble Øl Å 42"));
        Assert.Equal(@"2\.6A \| \_x\_ \#1", MarkdownEscape.Escape("2.6A | _x_ #1"));
    }

    private static string LiteralText(ContainerInline container)
    {
        var builder = new StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case LineBreakInline:
                    builder.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
            }
        }
        return builder.ToString();
    }
}
