using Notices.Letters.Fonts;
using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>
/// Lays out "reach and acknowledgements over time": per period (a day, or a week or longer for a long campaign), two
/// bars side by side with the running totals of patients reached and of acknowledgements, on a scale from 0 to the
/// number of affected patients with grid lines at every quarter. Pure layout, no PDF.
/// </summary>
public static class ProgressChart
{
    public const double FontSize = 7.5;
    public const double ReachedGray = 0.6;
    public const double AcknowledgedGray = 0.15;
    public const string ReachedLegend = "Nået (i alt)";
    public const string AcknowledgedLegend = "Kvitteret (i alt)";

    /// <summary>At most this many periods are drawn; longer campaigns are grouped into longer periods.</summary>
    public const int MaxPeriods = 31;

    public static ChartPicture Layout(IReadOnlyList<DailyProgress> days, int affected, double left, double width, double height = 200)
    {
        ArgumentNullException.ThrowIfNull(days);
        var ops = new List<DrawOp>();
        var bars = new List<ChartBar>();
        var ascent = FontMetricsCache.Ascent(FontFace.Regular, FontSize);
        var periodDays = PeriodDays(days.Count);
        var legendText = periodDays == 1 ? "Løbende i alt pr. dag" : periodDays == 7 ? "Løbende i alt pr. uge" : $"Løbende i alt pr. {periodDays} dage";

        // Legend: a swatch and a word for each series, then what a period is.
        var x = left;
        foreach (var (gray, text) in new[] { (ReachedGray, ReachedLegend), (AcknowledgedGray, AcknowledgedLegend), (-1.0, legendText) })
        {
            if (gray >= 0)
            {
                ops.Add(new RectOp(x, 2, 8, 8, gray, 0));
                x += 11;
            }

            var run = TextBlockFactory.MeasuredRun(text, FontFace.Regular, FontSize, x, 2 + ascent, TextRole.TableCell);
            ops.Add(run);
            x += run.Width + 14;
        }

        var scale = Math.Max(affected, 1);
        var ticks = Ticks(scale);
        var tickWidth = ticks.Max(t => FontMetricsCache.Measure(ReportText.Count(t), FontFace.Regular, FontSize));
        var plot = new Box(left + tickWidth + 6, 20, width - tickWidth - 6, height - 20 - 16);
        foreach (var tick in ticks)
        {
            var y = plot.Bottom - (plot.Height * tick / scale);
            ops.Add(new LineOp(plot.X, y, plot.Right, y, tick == 0 ? 0.6 : tick == scale ? 0.5 : 0.25));
            var label = TextBlockFactory.MeasuredRun(ReportText.Count(tick), FontFace.Regular, FontSize, 0, y + (ascent / 2) - 1, TextRole.TableCell);
            ops.Add(label with { X = plot.X - 4 - label.Width });
        }

        ops.Add(new LineOp(plot.X, plot.Y, plot.X, plot.Bottom, 0.6));
        var periods = Periods(days, periodDays);
        if (periods.Count == 0)
        {
            ops.Add(TextBlockFactory.MeasuredRun("Ingen patienter nået endnu", FontFace.Italic, FontSize, plot.X + 8, plot.Y + 14, TextRole.TableCell));
            return new ChartPicture(height, plot, ops, bars);
        }

        var slot = plot.Width / periods.Count;
        var barWidth = Math.Min(slot * 0.38, 16);
        var lastLabelRight = double.NegativeInfinity;
        for (var i = 0; i < periods.Count; i++)
        {
            var (start, reached, acknowledged) = periods[i];
            var centre = plot.X + (slot * (i + 0.5));
            var dayLabel = ReportText.ShortDay(start);
            foreach (var (value, gray, series, dx) in new[] { (reached, ReachedGray, ReachedLegend, -barWidth), (acknowledged, AcknowledgedGray, AcknowledgedLegend, 0.0) })
            {
                var h = plot.Height * value / scale;
                var bar = new Box(centre + dx, plot.Bottom - h, barWidth, h);
                if (h > 0)
                {
                    ops.Add(new RectOp(bar.X, bar.Y, bar.Width, bar.Height, gray, 0));
                }

                bars.Add(new ChartBar(series + " " + dayLabel, value, bar));
            }

            var label = TextBlockFactory.MeasuredRun(dayLabel, FontFace.Regular, FontSize, 0, plot.Bottom + 4 + ascent, TextRole.TableCell);
            var labelX = centre - (label.Width / 2);
            if (labelX >= lastLabelRight + 4 && labelX + label.Width <= plot.Right + 2)
            {
                ops.Add(label with { X = labelX });
                lastLabelRight = labelX + label.Width;
            }
        }

        return new ChartPicture(height, plot, ops, bars);
    }

    /// <summary>Grid values: 0, multiples of a round step (1, 2 or 5 times a power of ten, about a quarter of the scale), and the
    /// number of affected patients at the top (the scale's 100 %).</summary>
    public static IReadOnlyList<int> Ticks(int scale)
    {
        var raw = scale / 4.0;
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1))));
        var step = (int)new[] { 1, 2, 5 }.Select(m => m * power).Where(s => s <= raw).DefaultIfEmpty(power).Max();
        var ticks = new List<int>();
        for (var t = 0; t < scale; t += Math.Max(step, 1))
        {
            if (scale - t >= step * 0.4 || t == 0)
            {
                ticks.Add(t);
            }
        }

        ticks.Add(scale);
        return ticks;
    }

    /// <summary>Days per period: one day while the campaign is short, else weeks, else as many days as keep the bars readable.</summary>
    public static int PeriodDays(int days) =>
        days <= MaxPeriods ? 1 : days <= MaxPeriods * 7 ? 7 : (int)Math.Ceiling(days / (double)MaxPeriods);

    /// <summary>Each period's first day and the running totals at its last day.</summary>
    private static List<(DateOnly Start, int Reached, int Acknowledged)> Periods(IReadOnlyList<DailyProgress> days, int periodDays)
    {
        var periods = new List<(DateOnly, int, int)>();
        for (var i = 0; i < days.Count; i += periodDays)
        {
            var last = days[Math.Min(i + periodDays, days.Count) - 1];
            periods.Add((days[i].Day, last.ReachedSoFar, last.AcknowledgedSoFar));
        }

        return periods;
    }
}
