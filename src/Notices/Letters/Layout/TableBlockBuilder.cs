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
    public FlowBlock Build(IReadOnlyList<IReadOnlyList<IReadOnlyList<InlineRun>>> rows, bool hasHeader,
        double left, double width, double spaceBefore)
    {
        var style = text.Style;
        var size = style.TableSize;
        var pad = style.CellPadding;
        var columnCount = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var widths = ColumnWidths(rows, columnCount, size, width, pad);
        var slices = new List<FlowSlice>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var isHeader = hasHeader && r == 0;
            slices.Add(Row(rows[r], widths, isHeader, left, size, pad));
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

    private FlowSlice Row(IReadOnlyList<IReadOnlyList<InlineRun>> cells, double[] widths, bool isHeader,
        double left, double size, double pad)
    {
        var role = isHeader ? TextRole.TableHeader : TextRole.TableCell;
        var cellSlices = new List<List<FlowSlice>>(widths.Length);
        var x = left;
        for (var c = 0; c < widths.Length; c++)
        {
            var runs = c < cells.Count ? cells[c] : [];
            if (isHeader)
            {
                runs = runs.Select(r => r with { Face = r.Face is FontFace.Italic or FontFace.BoldItalic ? FontFace.BoldItalic : FontFace.Bold }).ToList();
            }

            cellSlices.Add(text.Lines(runs, size, x + pad, widths[c] - (2 * pad), role));
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
    /// Column widths that fill <paramref name="width"/>: natural widths when they fit, otherwise each column
    /// gets at least its widest word and the rest is shared by how much more each column would like.
    /// </summary>
    private static double[] ColumnWidths(IReadOnlyList<IReadOnlyList<IReadOnlyList<InlineRun>>> rows, int columnCount,
        double size, double width, double pad)
    {
        var min = new double[columnCount];
        var max = new double[columnCount];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count && c < columnCount; c++)
            {
                var boldRuns = row[c];
                min[c] = Math.Max(min[c], LineBreaker.WidestWord(boldRuns, size) * 1.08 + (2 * pad));
                max[c] = Math.Max(max[c], LineBreaker.NaturalWidth(boldRuns, size) * 1.08 + (2 * pad));
            }
        }

        var sumMax = max.Sum();
        var sumMin = min.Sum();
        var result = new double[columnCount];
        if (columnCount == 0)
        {
            return result;
        }

        if (sumMax <= width)
        {
            for (var c = 0; c < columnCount; c++)
            {
                result[c] = max[c] + ((width - sumMax) * (max[c] / sumMax));
            }
        }
        else if (sumMin <= width)
        {
            var wish = sumMax - sumMin;
            for (var c = 0; c < columnCount; c++)
            {
                result[c] = min[c] + (wish <= 0 ? 0 : (width - sumMin) * ((max[c] - min[c]) / wish));
            }
        }
        else
        {
            // Even the widest words do not fit: share by those widths; long words then break inside the cell.
            for (var c = 0; c < columnCount; c++)
            {
                result[c] = width * (min[c] / sumMin);
            }
        }

        return result;
    }
}
