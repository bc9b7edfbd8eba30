using Markdig.Syntax.Inlines;
using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>
/// Flattens a Markdig inline tree into runs of (text, face). Emphasis sets italic/bold, links print their
/// text plus the URL in parentheses when it differs, hard line breaks become break runs.
/// </summary>
public static class InlineCollector
{
    public static List<InlineRun> Collect(ContainerInline? inline, FontFace baseFace = FontFace.Regular)
    {
        var runs = new List<InlineRun>();
        if (inline is not null)
        {
            AddChildren(inline, Style.From(baseFace), runs);
        }

        return runs;
    }

    /// <summary>Plain text split into runs at '\n' (used for the fixed parts of the letter).</summary>
    public static List<InlineRun> FromPlainText(string text, FontFace face)
    {
        var runs = new List<InlineRun>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                runs.Add(InlineRun.Break(face));
            }

            runs.Add(new InlineRun(Clean(lines[i]), face));
        }

        return runs;
    }

    private static void AddChildren(ContainerInline container, Style style, List<InlineRun> runs)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            Add(child, style, runs);
        }
    }

    private static void Add(Inline inline, Style style, List<InlineRun> runs)
    {
        switch (inline)
        {
            case LiteralInline literal:
                runs.Add(new InlineRun(Clean(literal.Content.ToString()), style.Face));
                break;
            case EmphasisInline emphasis:
                AddChildren(emphasis, style.With(emphasis), runs);
                break;
            case CodeInline code:
                runs.Add(new InlineRun(Clean(code.Content), style.Face));
                break;
            case LineBreakInline lineBreak:
                runs.Add(lineBreak.IsHard ? InlineRun.Break(style.Face) : new InlineRun(" ", style.Face));
                break;
            case AutolinkInline autolink:
                runs.Add(new InlineRun(Clean(autolink.Url), style.Face));
                break;
            case LinkInline link:
                AddLink(link, style, runs);
                break;
            case HtmlEntityInline entity:
                runs.Add(new InlineRun(Clean(entity.Transcoded.ToString()), style.Face));
                break;
            case HtmlInline html:
                // HTML is disabled in the letter pipeline; should a tag still arrive, print it rather than lose it.
                runs.Add(new InlineRun(Clean(html.Tag), style.Face));
                break;
            case ContainerInline container:
                AddChildren(container, style, runs);
                break;
            default:
                runs.Add(new InlineRun(Clean(inline.ToString() ?? ""), style.Face));
                break;
        }
    }

    private static void AddLink(LinkInline link, Style style, List<InlineRun> runs)
    {
        var start = runs.Count;
        AddChildren(link, style, runs);
        var text = string.Concat(runs.Skip(start).Select(r => r.Text)).Trim();
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
        if (url.Length == 0)
        {
            return;
        }

        var shownUrl = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;
        if (!string.Equals(text, shownUrl, StringComparison.Ordinal) && !string.Equals(text, url, StringComparison.Ordinal))
        {
            runs.Add(new InlineRun(text.Length == 0 ? Clean(shownUrl) : " (" + Clean(shownUrl) + ")", style.Face));
        }
    }

    /// <summary>Tabs and stray control characters become spaces; they have no printable glyph.</summary>
    private static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] < ' ' ? ' ' : source[i];
            }
        });
    }

    private readonly record struct Style(bool Bold, bool Italic)
    {
        public FontFace Face => (Bold, Italic) switch
        {
            (true, true) => FontFace.BoldItalic,
            (true, false) => FontFace.Bold,
            (false, true) => FontFace.Italic,
            _ => FontFace.Regular,
        };

        public static Style From(FontFace face) =>
            new(face is FontFace.Bold or FontFace.BoldItalic, face is FontFace.Italic or FontFace.BoldItalic);

        public Style With(EmphasisInline emphasis) => emphasis.DelimiterChar switch
        {
            '*' or '_' when emphasis.DelimiterCount >= 3 => new Style(true, true),
            '*' or '_' when emphasis.DelimiterCount == 2 => this with { Bold = true },
            '*' or '_' => this with { Italic = true },
            // ~~strike~~, ~sub~, ^sup^, ++ins++, ==mark== from the emphasis extras: printed as plain text.
            _ => this,
        };
    }
}
