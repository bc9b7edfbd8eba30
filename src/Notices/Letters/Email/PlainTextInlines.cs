using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax.Inlines;

namespace Notices.Letters.Email;

/// <summary>Flattens Markdig inlines to plain text: emphasis dropped, links as "text (url)", hard breaks as '\n';
/// soft breaks (a line break inside a paragraph) as '\n' when asked (email bodies), else as a space.</summary>
public static class PlainTextInlines
{
    public static string ToText(ContainerInline? inlines, bool softBreaksAsNewlines = false)
    {
        var builder = new StringBuilder();
        Append(builder, inlines, softBreaksAsNewlines);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Inline? inline, bool softNewline)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                builder.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard || softNewline ? '\n' : ' ');
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlInline html:
                builder.Append(html.Tag);
                break;
            case LinkInline link:
                AppendLink(builder, link, softNewline);
                break;
            case PipeTableDelimiterInline:
                builder.Append('|');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(builder, child, softNewline);
                }
                break;
        }
    }

    private static void AppendLink(StringBuilder builder, LinkInline link, bool softNewline)
    {
        var childText = new StringBuilder();
        foreach (var child in link)
        {
            Append(childText, child, softNewline);
        }
        var text = childText.ToString();
        if (link.IsImage)
        {
            builder.Append(text);
            return;
        }
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty;
        builder.Append(text);
        var shownUrl = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;
        if (shownUrl.Length > 0 && !string.Equals(shownUrl, text.Trim(), StringComparison.Ordinal))
        {
            builder.Append(" (").Append(shownUrl).Append(')');
        }
    }
}
