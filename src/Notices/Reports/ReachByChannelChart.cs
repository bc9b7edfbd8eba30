using Notices.Letters.Fonts;
using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>
/// Lays out "reach by channel": one horizontal bar per category (email confirmed, email accepted only, post,
/// unreachable, failed, uncertain, and pending when there is any), its length the category's share of the affected
/// patients, with the category at the left and the count and percentage after the bar. Pure layout, no PDF.
/// </summary>
public static class ReachByChannelChart
{
    public const double FontSize = 8.5;
    public const double RowHeight = 18;
    public const double BarHeight = 11;
    private const double Padding = 4;
    private const double Gap = 6;

    /// <summary>Reached categories are drawn dark, the others light, so the two read apart in black and white.</summary>
    public const double ReachedGray = 0.3;
    public const double NotReachedGray = 0.7;

    public static IReadOnlyList<ReachCategory> Categories(EffectivenessFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var shown = new List<ReachCategory>
        {
            ReachCategory.EmailConfirmed, ReachCategory.EmailAcceptedOnly, ReachCategory.Post,
            ReachCategory.Unreachable, ReachCategory.Failed, ReachCategory.Uncertain,
        };
        if (figures.Pending > 0)
        {
            shown.Add(ReachCategory.Pending);
        }

        return shown;
    }

    public static ChartPicture Layout(EffectivenessFigures figures, double left, double width)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var categories = Categories(figures);
        var labels = categories.Select(ReportText.ShortCategory).ToList();
        var labelWidth = Math.Min(labels.Max(l => FontMetricsCache.Measure(l, FontFace.Regular, FontSize)), width * 0.4);
        var values = categories.Select(c => ValueText(figures, figures.ByCategory[c])).ToList();
        var valueWidth = values.Max(v => FontMetricsCache.Measure(v, FontFace.Regular, FontSize));
        var plot = new Box(left + labelWidth + Gap, Padding, width - labelWidth - valueWidth - (3 * Gap), categories.Count * RowHeight);
        var scale = Math.Max(figures.Affected, 1);
        var ops = new List<DrawOp>();
        var bars = new List<ChartBar>();
        var ascent = FontMetricsCache.Ascent(FontFace.Regular, FontSize);
        var descent = FontMetricsCache.Descent(FontFace.Regular, FontSize);
        for (var i = 0; i < categories.Count; i++)
        {
            var rowTop = plot.Y + (i * RowHeight);
            var value = figures.ByCategory[categories[i]];
            var length = plot.Width * value / scale;
            var bar = new Box(plot.X, rowTop + ((RowHeight - BarHeight) / 2), length, BarHeight);
            var gray = EffectivenessFigures.IsReached(categories[i]) ? ReachedGray : NotReachedGray;
            if (length > 0)
            {
                ops.Add(new RectOp(bar.X, bar.Y, bar.Width, bar.Height, gray, 0));
            }

            bars.Add(new ChartBar(labels[i], value, bar));
            var baseline = rowTop + ((RowHeight + ascent - descent) / 2);
            var labelText = TextBlockFactory.MeasuredRun(labels[i], FontFace.Regular, FontSize, 0, baseline, TextRole.TableCell);
            ops.Add(labelText with { X = plot.X - Gap - labelText.Width });
            ops.Add(TextBlockFactory.MeasuredRun(values[i], FontFace.Regular, FontSize, bar.Right + Gap, baseline, TextRole.TableCell));
        }

        ops.Add(new LineOp(plot.X, plot.Y, plot.X, plot.Bottom, 0.6));
        return new ChartPicture(plot.Bottom + Padding, plot, ops, bars);
    }

    private static string ValueText(EffectivenessFigures figures, int value) =>
        ReportText.Count(value) + " (" + ReportText.Percent(figures.Percent(value)) + ")";
}
