using Notices.Letters.Layout;
using Notices.Model;
using Notices.Reports;
using Xunit;

namespace Notices.Tests.Reports;

public sealed class ChartLayoutTests
{
    private static readonly ReportCampaign Campaign = new("EFF", "FA830", "Pumpen kan stoppe", null, new DateOnly(2026, 11, 20));

    private static EffectivenessFigures Nine() => EffectivenessFigures.From(HandLedger.NinePatients().Project(), Campaign);

    private static void NoTwoOverlap(IEnumerable<Box> boxes)
    {
        var list = boxes.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                Assert.False(list[i].Overlaps(list[j]), $"{list[i]} overlaps {list[j]}");
            }
        }
    }

    [Fact]
    public void Reach_by_channel_bars_are_as_long_as_their_share_and_stay_in_the_plot()
    {
        var f = Nine();
        var chart = ReachByChannelChart.Layout(f, 50, 480);

        Assert.Equal(6, chart.Bars.Count); // no pending category when nothing is pending
        Assert.Equal([1, 1, 2, 1, 3, 1], chart.Bars.Select(b => b.Value));
        foreach (var bar in chart.Bars)
        {
            Assert.Equal(chart.Plot.Width * bar.Value / f.Affected, bar.Bounds.Width, 6);
            Assert.True(bar.Bounds.IsInside(chart.Plot), $"{bar.Label} {bar.Bounds} outside {chart.Plot}");
        }

        Assert.Equal(2 * chart.Bars[0].Bounds.Width, chart.Bars[2].Bounds.Width, 6);
        NoTwoOverlap(chart.Bars.Select(b => b.Bounds));
        NoTwoOverlap(chart.Labels.Select(l => l.Bounds).Concat(chart.Bars.Select(b => b.Bounds)));
        Assert.All(chart.Ops, op => Assert.True(op.Bounds.X >= 50 - 0.5 && op.Bounds.Right <= 530 + 0.5, op.ToString()));
        Assert.Contains(chart.Labels, l => l.Text == "Mislykket");
        Assert.Contains(chart.Labels, l => l.Text == "3 (33,3 %)");
    }

    [Fact]
    public void Progress_bars_rise_with_the_running_totals_on_the_affected_scale()
    {
        var f = Nine();
        var chart = ProgressChart.Layout(f.Days, f.Affected, 50, 480);

        Assert.Equal(2 * f.Days.Count, chart.Bars.Count);
        foreach (var bar in chart.Bars)
        {
            Assert.Equal(chart.Plot.Height * bar.Value / f.Affected, bar.Bounds.Height, 6);
            Assert.Equal(chart.Plot.Bottom, bar.Bounds.Bottom, 6);
            Assert.True(bar.Bounds.IsInside(chart.Plot), $"{bar.Label} {bar.Bounds} outside {chart.Plot}");
        }

        var reached = chart.Bars.Where(b => b.Label.StartsWith(ProgressChart.ReachedLegend, StringComparison.Ordinal)).ToList();
        Assert.Equal([2, 2, 4, 4, 4, 4, 4, 4], reached.Select(b => b.Value));
        Assert.True(reached.Zip(reached.Skip(1)).All(p => p.First.Bounds.X < p.Second.Bounds.X), "periods run left to right");
        NoTwoOverlap(chart.Bars.Where(b => b.Value > 0).Select(b => b.Bounds));
        NoTwoOverlap(chart.Labels.Select(l => l.Bounds));
        Assert.Contains(chart.Labels, l => l.Text == "2.11");
        Assert.Contains(chart.Labels, l => l.Text == "9.11");
    }

    [Fact]
    public void A_long_campaign_is_drawn_by_week_with_labels_that_do_not_collide()
    {
        var start = new DateOnly(2026, 1, 5);
        var days = Enumerable.Range(0, 120)
            .Select(i => new DailyProgress(start.AddDays(i), 10, 3, 10 * (i + 1), 3 * (i + 1)))
            .ToList();

        var chart = ProgressChart.Layout(days, 1200, 50, 480);

        Assert.Equal(7, ProgressChart.PeriodDays(days.Count));
        Assert.Equal(2 * 18, chart.Bars.Count); // 120 days in 18 weeks (the last one short)
        Assert.Equal(1200, chart.Bars[^2].Value);
        Assert.All(chart.Bars, b => Assert.True(b.Bounds.IsInside(chart.Plot)));
        NoTwoOverlap(chart.Labels.Select(l => l.Bounds));
    }

    [Fact]
    public void Grid_lines_are_round_numbers_up_to_the_affected_count()
    {
        Assert.Equal([0, 2, 4, 6, 8, 9], ProgressChart.Ticks(9));
        Assert.Equal([0, 1000, 2000, 3000, 4321], ProgressChart.Ticks(4321)); // 4000 would crowd 4321
        Assert.Equal([0, 20, 40, 60, 80, 100], ProgressChart.Ticks(100));
        Assert.Equal([0, 1], ProgressChart.Ticks(1));
    }

    [Fact]
    public void Five_thousand_patients_not_reached_run_over_many_pages_with_the_table_header_on_each()
    {
        var ledger = new HandLedger("BIG");
        for (var i = 1; i <= 5000; i++)
        {
            var id = "BIG-" + i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
            ledger.Add(id, "P" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, new Unreachable("no address"));
        }

        var figures = EffectivenessFigures.From(ledger.Project(), Campaign with { CampaignId = "BIG" });
        var head = new Notices.Ledger.LedgerHeadSummary(new Notices.Ledger.LedgerHeadPin(5000, new string('c', 64)), 5000, null, true);
        var pages = EffectivenessReportLayout.Layout(figures, head);

        Assert.True(pages.Count > 50, $"{pages.Count} pages");
        var ids = pages.SelectMany(p => p.TextRuns).Where(r => r.Text.StartsWith("BIG-", StringComparison.Ordinal)).Select(r => r.Text).ToList();
        Assert.Equal(5000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5000, ids.Count);
        var withTable = pages.Where(p => p.TextRuns.Any(r => r.Text.StartsWith("BIG-", StringComparison.Ordinal))).ToList();
        Assert.All(withTable, p => Assert.Contains(p.TextRuns, r => r.Text == "Brev-id" && r.Role == TextRole.TableHeader));
        foreach (var page in pages)
        {
            foreach (var op in page.Ops)
            {
                var limit = op is TextOp { Role: TextRole.Footer } ? PageGeometry.A4Height - PageGeometry.PrintableMargin : EffectivenessReportLayout.FlowBottom;
                Assert.True(op.Bounds.Y >= PageGeometry.PrintableMargin && op.Bounds.Bottom <= limit + 0.01, $"page {page.Number}: {op}");
                Assert.True(op.Bounds.X >= PageGeometry.PrintableMargin && op.Bounds.Right <= PageGeometry.A4Width - PageGeometry.PrintableMargin, $"page {page.Number}: {op}");
            }
        }

        Assert.Contains(pages[^1].TextRuns, r => r.Text.Contains("5000:cccc", StringComparison.Ordinal));
    }
}
