using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Email;
using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

/// <summary>Every value is escaped where the engine writes it, for the place it lands; only the product's device table
/// passes through, and patient data cannot reach that path.</summary>
public sealed class TemplateEscapingTargetTests
{
    private const string Hostile = "{{ letter.id }} *fed* # | <script>alert(1)</script> `kode`";

    private static MergedLetter Merge(string template, string? subject = null, RecipientSnapshot? recipient = null, IReadOnlyList<AffectedDevice>? devices = null)
    {
        var package = subject is null
            ? LetterTestData.Package(letterTemplate: template, emailTemplate: template)
            : LetterTestData.Package(letterTemplate: template, emailTemplate: template, emailSubject: subject);
        return new NoticeTemplates(package).Merge(
            LetterTestData.Letter(recipient ?? LetterTestData.Recipient(firstName: Hostile, lastName: "Ærø"), devices), LetterTestData.LetterDate);
    }

    [Fact]
    public void In_the_letter_a_hostile_name_is_one_paragraph_of_literal_text()
    {
        var merged = Merge("{{ patient.first_name }}\n\nTekst.\n");

        var document = Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter);

        var paragraph = Assert.IsType<ParagraphBlock>(document[0]);
        Assert.DoesNotContain(paragraph.Inline!.Descendants<Inline>(), i => i is EmphasisInline or HtmlInline or CodeInline or LinkInline);
        Assert.Equal(2, document.Count);
        Assert.DoesNotContain("FA830-DK-000042", merged.LetterMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void In_the_html_email_a_hostile_name_is_escaped_text()
    {
        var merged = Merge("Kære {{ patient.first_name }}\n");

        var (html, text) = EmailBodyRenderer.Render(merged.EmailMarkdown);

        Assert.Contains("{{ letter.id }} *fed* # | &lt;script&gt;alert(1)&lt;/script&gt; `kode`", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
        Assert.Contains("Kære " + Hostile, text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_the_subject_a_line_break_in_a_value_cannot_start_a_header()
    {
        var recipient = LetterTestData.Recipient() with { City = "Aarhus\r\nBcc: evil@example.com" };
        var merged = Merge("x", subject: "Til {{ patient.city }} {{ patient.first_name }}", recipient: recipient);

        Assert.DoesNotContain('\r', merged.EmailSubject);
        Assert.DoesNotContain('\n', merged.EmailSubject);
        Assert.Equal("Til Aarhus Bcc: evil@example.com Søren", merged.EmailSubject);
    }

    [Fact]
    public void In_the_subject_markdown_characters_are_left_as_they_are()
    {
        var merged = Merge("x", subject: "Til {{ patient.first_name }}");

        Assert.Equal("Til " + Hostile, merged.EmailSubject);
    }

    [Fact]
    public void The_device_table_passes_as_markdown_but_its_cells_are_escaped()
    {
        AffectedDevice[] devices = [new("Medtek", "Pumpe | <b>x</b> *", "SN-1", "2.6A", VersionUnknown: false)];

        var merged = Merge("{{ enheder }}\n", devices: devices);

        var table = Assert.Single(Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter).Descendants<Markdig.Extensions.Tables.Table>());
        Assert.Equal(2, table.Count);
        Assert.Contains(@"Pumpe \| \<b\>x\<\/b\> \*", merged.LetterMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_table_mixed_with_text_is_escaped_as_text()
    {
        // Concatenation turns the trusted table into a plain string: the result is escaped, never raw.
        var merged = Merge("{{ enheder + patient.first_name }}\n");

        Assert.Empty(Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter).Descendants<Markdig.Extensions.Tables.Table>());
        Assert.DoesNotContain("<script>", merged.LetterMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_literal_is_escaped_like_a_value()
    {
        var merged = Merge("{{ \"<script>\" }}");

        Assert.Equal(@"\<script\>", merged.LetterMarkdown);
    }
}
