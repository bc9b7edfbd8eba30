using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;

namespace Notices.Letters.Email;

/// <summary>
/// Turns the merged email Markdown into the two MIME bodies: an HTML document (Markdig's HTML renderer inside
/// <see cref="EmailHtmlDocument"/>) and plain text (<see cref="PlainTextRenderer"/>). Both come from one parse
/// with <see cref="MarkdownPipelines.Letter"/>. A line break inside a paragraph is a line break in both bodies.
/// </summary>
public static class EmailBodyRenderer
{
    public static (string Html, string Text) Render(string markdown, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, MarkdownPipelines.Letter);
        return (EmailHtmlDocument.Wrap(RenderHtmlFragment(document), title), new PlainTextRenderer().Render(document));
    }

    public static string RenderHtmlFragment(MarkdownDocument document)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        MarkdownPipelines.Letter.Setup(renderer);
        // A line break inside a paragraph of email.md is meant (a signature: name, then organisation): <br>, not a space.
        renderer.ObjectRenderers.FindExact<LineBreakInlineRenderer>()!.RenderAsHardlineBreak = true;
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
