using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>
/// Lays out a table as one slice per row: cells wrap inside their column, rows never split, the first row is
/// the header (bold, shaded) and is repeated when the table continues on another page.
/// </summary>
public sealed class TableBlockBuilder(TextBlockFactory text)
{
    private const double RuleWidth = 0.5;

    /// <param name="rows">Rows of cells of inline runs; row 0 is the header when <paramref name="hasHeader"/>.</param>
    /// <param name="alignments">Per-column alignment (pipe-table <c>:--</c>, <c>:-:</c>, <c>--:</c>); left when absent.</param>
    public FlowBlock Build(IReadOnlyList<IReadOnlyList<IReadOnlyList<InlineRun>>> rows, bool hasHeader,
        double left, double width, double spaceBefore, IReadOnlyList<TextAlignment>? alignments = null)
    {
        var style = text.Style;
        var size = style.TableSize;
        var pad = style.CellPadding;
        var columnCount = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = ColumnWidths(rows, hasHeader, columnCount, size, width, pad);
        var slices = new List<FlowSlice>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var isHeader = hasHeader && r == 0;
            slices.Add(Row(rows[r], widths, alignments, isHeader, left, size, pad));
        }

        return new FlowBlock
        {
            Kind = "table",
            Slices = slices,
            SpaceBefore = spaceBefore,
            RepeatFirstSlice = hasHeader,
            // Never leave the header alone at the foot of a page, nor a single row without its header.
            MinHead = hasHeader ? 2 : 1,
            MinTail = 1,
        };
    }

    private FlowSlice Row(IReadOnlyList<IReadOnlyList<InlineRun>> cells, double[] widths, IReadOnlyList<TextAlignment>? alignments,
        bool isHeader, double left, double size, double pad)
    {
        var role = isHeader ? TextRole.TableHeader : TextRole.TableCell;
        var cellSlices = new List<List<FlowSlice>>(widths.Length);
        var x = left;
        for (var c = 0; c < widths.Length; c++)
        {
            var runs = c < cells.Count ? cells[c] : [];
            if (isHeader)
            {
                runs = Emphasised(runs);
            }

            var alignment = alignments is not null && c < alignments.Count ? alignments[c] : TextAlignment.Left;
            cellSlices.Add(text.Lines(runs, size, x + pad, widths[c] - (2 * pad), role, alignment));
            x += widths[c];
        }

        var lineHeight = text.Style.LineHeight(size);
        var height = (Math.Max(1, cellSlices.Max(s => s.Count)) * lineHeight) + (2 * pad);
        var ops = new List<DrawOp>();
        var tableWidth = widths.Sum();
        if (isHeader)
        {
            ops.Add(new RectOp(left, 0, tableWidth, height, FillGray: 0.88, StrokeWidth: 0));
        }

        foreach (var lines in cellSlices)
        {
            var y = pad;
            foreach (var line in lines)
            {
                ops.AddRange(line.Ops.Select(op => op.MovedDown(y)));
                y += line.Height;
            }
        }

        ops.Add(new LineOp(left, 0, left + tableWidth, 0, RuleWidth));
        ops.Add(new LineOp(left, height, left + tableWidth, height, RuleWidth));
        x = left;
        ops.Add(new LineOp(x, 0, x, height, RuleWidth));
        foreach (var w in widths)
        {
            x += w;
            ops.Add(new LineOp(x, 0, x, height, RuleWidth));
        }

        return new FlowSlice(height, ops);
    }

    /// <summary>
    /// Column widths that fill <paramref name="width"/>. Columns whose whole content fits in a fair share get
    /// exactly that (short columns such as numbers and models never wrap); the remaining width goes to the
    /// others, each at least its widest word, the rest shared by how much more each would like.
    /// </summary>
    private static double[] ColumnWidths(IReadOnlyList<IReadOnlyList<IReadOnlyList<InlineRun>>> rows, bool hasHeader,
        int columnCount, double size, double width, double pad)
    {
        var min = new double[columnCount];
        var max = new double[columnCount];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Count && c < columnCount; c++)
            {
                var runs = hasHeader && r == 0 ? Emphasised(row[c]) : row[c];
                min[c] = Math.Max(min[c], LineBreaker.WidestWord(runs, size) + (2 * pad) + 0.5);
                max[c] = Math.Max(max[c], LineBreaker.NaturalWidth(runs, size) + (2 * pad) + 0.5);
            }
        }

        var result = new double[columnCount];
        var open = Enumerable.Range(0, columnCount).ToList();
        var remaining = width;
        bool settled;
        do
        {
            settled = false;
            var share = open.Count == 0 ? 0 : remaining / open.Count;
            foreach (var c in open.Where(c => max[c] <= share).ToList())
            {
                result[c] = max[c];
                remaining -= max[c];
                open.Remove(c);
                settled = true;
            }
        }
        while (settled && open.Count > 0);

        if (open.Count == 0)
        {
            // Everything fits on one line per cell: stretch the columns to the full width.
            var natural = result.Sum();
            return natural <= 0 ? result : result.Select(w => w * (width / natural)).ToArray();
        }

        var sumMin = open.Sum(c => min[c]);
        var wish = open.Sum(c => max[c] - min[c]);
        foreach (var c in open)
        {
            result[c] = sumMin <= remaining
                ? min[c] + (wish <= 0 ? 0 : (remaining - sumMin) * ((max[c] - min[c]) / wish))
                // Even the widest words do not fit: share by those widths; long words then break inside the cell.
                : remaining * (min[c] / sumMin);
        }

        return result;
    }

    private static List<InlineRun> Emphasised(IReadOnlyList<InlineRun> runs) =>
        runs.Select(r => r with { Face = r.Face is FontFace.Italic or FontFace.BoldItalic ? FontFace.BoldItalic : FontFace.Bold }).ToList();
}
