using Notices.Letters.Fonts;

namespace Notices.Letters.Layout;

/// <summary>Turns inline runs into a block of line slices at a given position and width.</summary>
public sealed class TextBlockFactory(LetterStyle style)
{
    public LetterStyle Style { get; } = style;

    /// <summary>A paragraph block with widow/orphan control (at least two lines at the foot and head of a page).</summary>
    public FlowBlock Paragraph(IReadOnlyList<InlineRun> runs, double size, double left, double width, TextRole role,
        double spaceBefore, string kind = "paragraph")
    {
        var slices = Lines(runs, size, left, width, role);
        return new FlowBlock
        {
            Kind = kind,
            Slices = slices,
            SpaceBefore = spaceBefore,
            MinHead = 2,
            MinTail = 2,
        };
    }

    /// <summary>One slice per broken line; text ops are placed relative to each line's top.</summary>
    public List<FlowSlice> Lines(IReadOnlyList<InlineRun> runs, double size, double left, double width, TextRole role,
        TextAlignment alignment = TextAlignment.Left)
    {
        var lineHeight = Style.LineHeight(size);
        var slices = new List<FlowSlice>();
        foreach (var line in LineBreaker.Break(runs, size, width))
        {
            var ops = new List<DrawOp>(line.Segments.Count);
            var offset = alignment switch
            {
                TextAlignment.Right => width - line.Width,
                TextAlignment.Center => (width - line.Width) / 2,
                _ => 0,
            };
            foreach (var segment in line.Segments)
            {
                ops.Add(Run(segment.Text, segment.Face, size, left + offset + segment.X, BaselineInLine(size), segment.Width, role));
            }

            slices.Add(new FlowSlice(lineHeight, ops));
        }

        return slices;
    }

    /// <summary>Distance from a line's top to its baseline: the glyph box is centred in the line height.</summary>
    public double BaselineInLine(double size)
    {
        var ascent = FontMetricsCache.Ascent(FontFace.Regular, size);
        var descent = FontMetricsCache.Descent(FontFace.Regular, size);
        return ((Style.LineHeight(size) - ascent - descent) / 2) + ascent;
    }

    public static TextOp Run(string text, FontFace face, double size, double x, double baseline, double width, TextRole role) =>
        new(text, face, size, x, baseline, width,
            FontMetricsCache.Ascent(face, size), FontMetricsCache.Descent(face, size), role);

    /// <summary>A single measured run (for fixed parts such as the footer).</summary>
    public static TextOp MeasuredRun(string text, FontFace face, double size, double x, double baseline, TextRole role) =>
        Run(text, face, size, x, baseline, FontMetricsCache.Measure(text, face, size), role);
}
