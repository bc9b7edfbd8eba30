using System.Globalization;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>
/// Converts the Markdig body tree into flow blocks.
/// Page breaks: HTML is disabled in the letter pipeline, so an HTML comment cannot mark one. A thematic break
/// (a line with only <c>---</c>, <c>***</c> or <c>___</c>, after a blank line) forces a new page, and so does a
/// paragraph consisting of exactly <c>\pagebreak</c>. A letter has no use for a horizontal rule otherwise.
/// </summary>
public sealed class MarkdownBlockBuilder(TextBlockFactory text)
{
    /// <summary>The explicit page-break paragraph.</summary>
    public const string PageBreakMarker = "\\pagebreak";

    private readonly TableBlockBuilder _tables = new(text);
    private LetterStyle Style => text.Style;

    public List<FlowBlock> Build(MarkdownDocument document, double left, double width)
    {
        var output = new List<FlowBlock>();
        foreach (var block in document)
        {
            Add(block, left, width, listDepth: 0, Style.ParagraphGap, output);
        }

        // The gap after a heading is smaller than between paragraphs: it belongs with what follows.
        for (var i = 1; i < output.Count; i++)
        {
            if (output[i - 1].Kind == "heading" && output[i].Kind != "heading")
            {
                output[i].SpaceBefore = Style.HeadingGapAfter;
            }
        }

        return output;
    }

    private void Add(Block block, double left, double width, int listDepth, double spaceBefore, List<FlowBlock> output)
    {
        switch (block)
        {
            case HeadingBlock heading:
                AddHeading(heading, left, width, output);
                break;
            case ThematicBreakBlock:
                output.Add(FlowBlock.PageBreak());
                break;
            case ParagraphBlock paragraph when IsPageBreak(paragraph):
                output.Add(FlowBlock.PageBreak());
                break;
            case ParagraphBlock paragraph:
                output.Add(text.Paragraph(InlineCollector.Collect(paragraph.Inline), Style.BodySize, left, width,
                    TextRole.Body, spaceBefore));
                break;
            case ListBlock list:
                AddList(list, left, width, listDepth, spaceBefore, output);
                break;
            case QuoteBlock quote:
                var first = true;
                foreach (var child in quote)
                {
                    Add(child, left + Style.QuoteIndent, width - Style.QuoteIndent, listDepth,
                        first ? spaceBefore : Style.ParagraphGap, output);
                    first = false;
                }

                break;
            case Table table:
                AddTable(table, left, width, output);
                break;
            case CodeBlock code:
                var lines = string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString()));
                output.Add(text.Paragraph(InlineCollector.FromPlainText(lines, FontFace.Regular), Style.BodySize, left, width,
                    TextRole.Body, spaceBefore));
                break;
            case LinkReferenceDefinitionGroup or BlankLineBlock:
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Add(child, left, width, listDepth, spaceBefore, output);
                }

                break;
            case LeafBlock leaf when leaf.Inline is not null:
                output.Add(text.Paragraph(InlineCollector.Collect(leaf.Inline), Style.BodySize, left, width,
                    TextRole.Body, spaceBefore));
                break;
        }
    }

    private static bool IsPageBreak(ParagraphBlock paragraph)
    {
        var runs = InlineCollector.Collect(paragraph.Inline);
        var content = string.Concat(runs.Select(r => r.Text)).Trim();
        return string.Equals(content, PageBreakMarker, StringComparison.Ordinal);
    }

    private void AddHeading(HeadingBlock heading, double left, double width, List<FlowBlock> output)
    {
        // Levels deeper than 2 are printed as level 2: a letter has no use for more.
        var size = heading.Level <= 1 ? Style.Heading1Size : Style.Heading2Size;
        var slices = text.Lines(InlineCollector.Collect(heading.Inline, FontFace.Bold), size, left, width, TextRole.Heading);
        output.Add(new FlowBlock
        {
            Kind = "heading",
            Slices = slices,
            SpaceBefore = Style.HeadingGapBefore,
            KeepWithNext = true,
            MinHead = Math.Max(1, slices.Count),
        });
    }

    private void AddList(ListBlock list, double left, double width, int listDepth, double spaceBefore, List<FlowBlock> output)
    {
        var markers = new List<string>();
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 1;
        foreach (var _ in list)
        {
            markers.Add(list.IsOrdered ? (number++).ToString(CultureInfo.InvariantCulture) + "." : (listDepth == 0 ? "•" : "–"));
        }

        var size = Style.BodySize;
        var markerWidth = markers.Max(m => FontMetricsCache.Measure(m, FontFace.Regular, size));
        var gap = size * 0.6;
        var hang = Math.Max(markerWidth + gap, size * 1.6);
        // Hanging indent: the marker sits in the indent, wrapped lines align with the item's first word.
        var itemLeft = left + hang;
        var itemWidth = width - hang;
        var index = 0;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var itemSpace = index == 0 ? spaceBefore : (list.IsLoose ? Style.ParagraphGap : Style.ListItemGap);
            var firstBlock = output.Count;
            var firstChild = true;
            foreach (var child in item)
            {
                Add(child, itemLeft, itemWidth, listDepth + 1, firstChild ? itemSpace : Style.ListItemGap, output);
                firstChild = false;
            }

            if (output.Count > firstBlock)
            {
                AttachMarker(output[firstBlock], markers[index], itemLeft - gap, size);
            }

            index++;
        }
    }

    /// <summary>Puts the list marker right-aligned in the hanging indent, on the baseline of the item's first line.</summary>
    private static void AttachMarker(FlowBlock block, string marker, double rightEdge, double size)
    {
        var firstSlice = block.Slices.FirstOrDefault();
        var baseline = firstSlice?.Ops.OfType<TextOp>().FirstOrDefault()?.Baseline;
        if (firstSlice is null || baseline is null)
        {
            return;
        }

        var width = FontMetricsCache.Measure(marker, FontFace.Regular, size);
        firstSlice.Ops.Add(TextBlockFactory.Run(marker, FontFace.Regular, size, rightEdge - width, baseline.Value, width, TextRole.ListMarker));
    }

    private void AddTable(Table table, double left, double width, List<FlowBlock> output)
    {
        var rows = new List<IReadOnlyList<IReadOnlyList<InlineRun>>>();
        var hasHeader = false;
        foreach (var row in table.OfType<TableRow>())
        {
            if (rows.Count == 0 && row.IsHeader)
            {
                hasHeader = true;
            }

            var cells = new List<IReadOnlyList<InlineRun>>();
            foreach (var cell in row.OfType<TableCell>())
            {
                var runs = new List<InlineRun>();
                foreach (var paragraph in cell.OfType<LeafBlock>())
                {
                    if (runs.Count > 0)
                    {
                        runs.Add(InlineRun.Break(FontFace.Regular));
                    }

                    runs.AddRange(InlineCollector.Collect(paragraph.Inline));
                }

                cells.Add(runs);
            }

            rows.Add(cells);
        }

        var alignments = table.ColumnDefinitions
            .Select(d => d.Alignment switch
            {
                TableColumnAlign.Right => TextAlignment.Right,
                TableColumnAlign.Center => TextAlignment.Center,
                _ => TextAlignment.Left,
            })
            .ToList();
        output.Add(_tables.Build(rows, hasHeader, left, width, Style.ParagraphGap, alignments));
    }
}
