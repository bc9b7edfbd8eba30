using Notices.Letters.Fonts;
using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>The flow blocks the report is made of (headings, paragraphs, table rows, pictures), on the letters' layout engine.</summary>
internal sealed class ReportBlocks(TextBlockFactory text)
{
    public const double TableSize = 9;
    private const double CellPadding = 3;

    public LetterStyle Style => text.Style;

    public FlowBlock Title(string title, double size) => new()
    {
        Kind = "heading",
        Slices = text.Lines([new InlineRun(title, FontFace.Bold)], size, PageGeometry.ContentLeft, PageGeometry.ContentWidth, TextRole.Title),
        KeepWithNext = true,
        MinHead = int.MaxValue,
    };

    public FlowBlock Heading(string heading) => new()
    {
        Kind = "heading",
        Slices = text.Lines([new InlineRun(heading, FontFace.Bold)], Style.Heading1Size, PageGeometry.ContentLeft, PageGeometry.ContentWidth, TextRole.Heading),
        SpaceBefore = Style.HeadingGapBefore * 1.4,
        KeepWithNext = true,
        MinHead = int.MaxValue,
    };

    public FlowBlock Paragraph(string body, double size, FontFace face = FontFace.Regular, double spaceBefore = 4) =>
        text.Paragraph([new InlineRun(body, face)], size, PageGeometry.ContentLeft, PageGeometry.ContentWidth, TextRole.Body, spaceBefore);

    /// <summary>A table row: each cell broken into lines within its column; a thin rule under the row.</summary>
    public FlowSlice Row(IReadOnlyList<ReportTableCell> cells, double size, TextRole role, double ruleThickness = 0.25)
    {
        var lineHeight = Style.LineHeight(size);
        var ops = new List<DrawOp>();
        var lines = 1;
        foreach (var cell in cells)
        {
            var cellLines = text.Lines([new InlineRun(cell.Text, cell.Face)], size, cell.X + CellPadding, cell.Width - (2 * CellPadding), role, cell.Alignment);
            for (var i = 0; i < cellLines.Count; i++)
            {
                ops.AddRange(cellLines[i].Ops.Select(op => op.MovedDown(CellPadding + (i * lineHeight))));
            }

            lines = Math.Max(lines, cellLines.Count);
        }

        var height = (lines * lineHeight) + (2 * CellPadding);
        if (ruleThickness > 0)
        {
            ops.Add(new LineOp(PageGeometry.ContentLeft, height, PageGeometry.ContentRight, height, ruleThickness));
        }

        return new FlowSlice(height, ops);
    }

    /// <summary>A table: a header row repeated on every page it continues onto, then the rows.</summary>
    public static FlowBlock Table(FlowSlice header, IEnumerable<FlowSlice> rows, double spaceBefore = 6) => new()
    {
        Kind = "table",
        Slices = [header, .. rows],
        SpaceBefore = spaceBefore,
        RepeatFirstSlice = true,
        MinHead = 2,
        MinTail = 1,
    };

    /// <summary>A chart kept in one piece.</summary>
    public static FlowBlock Picture(ChartPicture chart, double spaceBefore = 6) =>
        FlowBlock.Unbreakable("chart", [new FlowSlice(chart.Height, [.. chart.Ops])], spaceBefore);
}
