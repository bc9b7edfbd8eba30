using System.Globalization;
using Notices.Letters.Fonts;
using static Notices.Letters.Layout.PageGeometry;

namespace Notices.Letters.Layout;

/// <summary>
/// The layout step: measures and places every part of a letter and returns pages of drawing operations.
/// Pure computation (no PDF); stateless and safe to share between threads.
/// </summary>
public sealed class LetterLayoutEngine
{
    /// <summary>Lowest y body content may reach; the footer lives below it.</summary>
    public static readonly double FlowBottom = A4Height - Mm(22);
    private static readonly double FooterBaseline = A4Height - Mm(13);

    public LetterLayout Layout(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        try
        {
            return LayoutCore(letter);
        }
        catch (MissingGlyphException ex) when (ex.LetterId is null)
        {
            throw new MissingGlyphException(ex.CodePoint, ex.Face, letter.LetterId);
        }
    }

    private static LetterLayout LayoutCore(LetterDocument letter)
    {
        var style = LetterStyle.For(letter);
        var text = new TextBlockFactory(style);
        var firstPage = new LayoutPage(1);
        var headerBottom = new FirstPageHeader(style).Place(letter, firstPage);

        var blocks = new List<FlowBlock>();
        blocks.AddRange(Opening(letter, text));
        blocks.AddRange(new MarkdownBlockBuilder(text).Build(letter.Body, ContentLeft, ContentWidth));
        blocks.Add(Signature(letter, text));
        var replyForm = new ReplyFormBuilder(text).Build(letter);
        blocks.AddRange(replyForm);

        var paginator = new Paginator(firstPage, headerBottom + Mm(8), FollowingPageTop, FlowBottom);
        paginator.Place(blocks);
        var pages = paginator.Pages;
        AddFooters(letter.LetterId, pages, style);

        var replyPage = pages.First(p => p.TextRuns.Any(r =>
            r.Role == TextRole.Heading && string.Equals(r.Text, ReplyFormBuilder.Heading, StringComparison.Ordinal))).Number;
        return new LetterLayout
        {
            LetterId = letter.LetterId,
            Pages = pages,
            Window = FirstPageHeader.WindowBox(letter),
            BodyFontSize = style.BodySize,
            ContentLeft = ContentLeft,
            ContentWidth = ContentWidth,
            ReplyFormPage = replyPage,
        };
    }

    /// <summary>Reference and date on one line, then the title and the subject as headings.</summary>
    private static IEnumerable<FlowBlock> Opening(LetterDocument letter, TextBlockFactory text)
    {
        var style = text.Style;
        var size = style.BodySize;
        var reference = text.Lines([new InlineRun("Vores ref.: " + letter.Reference, FontFace.Regular)],
            size, ContentLeft, ContentWidth * 0.55, TextRole.DateLine);
        var date = text.Lines([new InlineRun(letter.DateText, FontFace.Regular)],
            size, ContentLeft + (ContentWidth * 0.55), ContentWidth * 0.45, TextRole.DateLine, TextAlignment.Right);
        var slices = new List<FlowSlice>();
        for (var i = 0; i < Math.Max(reference.Count, date.Count); i++)
        {
            var ops = new List<DrawOp>();
            if (i < reference.Count)
            {
                ops.AddRange(reference[i].Ops);
            }

            if (i < date.Count)
            {
                ops.AddRange(date[i].Ops);
            }

            slices.Add(new FlowSlice(style.LineHeight(size), ops));
        }

        yield return FlowBlock.Unbreakable("reference-date", slices, 0);
        yield return new FlowBlock
        {
            Kind = "heading",
            Slices = text.Lines([new InlineRun(letter.Title, FontFace.Bold)], style.TitleSize, ContentLeft, ContentWidth, TextRole.Title),
            SpaceBefore = style.BodySize * 1.6,
            KeepWithNext = true,
            MinHead = int.MaxValue,
        };
        yield return new FlowBlock
        {
            Kind = "heading",
            Slices = text.Lines([new InlineRun(letter.Subject, FontFace.Bold)], style.SubjectSize, ContentLeft, ContentWidth, TextRole.Heading),
            SpaceBefore = style.BodySize * 0.3,
            KeepWithNext = true,
            MinHead = int.MaxValue,
        };
    }

    /// <summary>Greeting, room to sign, then signatory and organisation; kept together on one page.</summary>
    private static FlowBlock Signature(LetterDocument letter, TextBlockFactory text)
    {
        var style = text.Style;
        var size = style.BodySize;
        var slices = new List<FlowSlice>();
        slices.AddRange(text.Lines([new InlineRun(letter.Greeting, FontFace.Regular)], size, ContentLeft, ContentWidth, TextRole.Signature));
        slices.Add(new FlowSlice(style.LineHeight(size) * 2.5, []));
        slices.AddRange(text.Lines([new InlineRun(letter.Sender.SignatoryName, FontFace.Bold)], size, ContentLeft, ContentWidth, TextRole.Signature));
        if (!string.IsNullOrWhiteSpace(letter.Sender.SignatoryTitle))
        {
            slices.AddRange(text.Lines([new InlineRun(letter.Sender.SignatoryTitle, FontFace.Regular)], size, ContentLeft, ContentWidth, TextRole.Signature));
        }

        slices.AddRange(text.Lines([new InlineRun(letter.Sender.Organisation, FontFace.Regular)], size, ContentLeft, ContentWidth, TextRole.Signature));
        return FlowBlock.Unbreakable("signature", slices, style.ParagraphGap * 2);
    }

    /// <summary>Letter id at the left, "Side X af Y" at the right of every page; needs the final page count.</summary>
    private static void AddFooters(string letterId, IReadOnlyList<LayoutPage> pages, LetterStyle style)
    {
        var size = style.FooterSize;
        foreach (var page in pages)
        {
            page.Add(TextBlockFactory.MeasuredRun(letterId, FontFace.Regular, size, ContentLeft, FooterBaseline, TextRole.Footer));
            var pageText = string.Create(CultureInfo.InvariantCulture, $"Side {page.Number} af {pages.Count}");
            var width = FontMetricsCache.Measure(pageText, FontFace.Regular, size);
            page.Add(TextBlockFactory.Run(pageText, FontFace.Regular, size, ContentRight - width, FooterBaseline, width, TextRole.Footer));
        }
    }
}
