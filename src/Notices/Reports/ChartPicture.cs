using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>
/// A chart laid out as positioned primitives (rectangles, lines, text) with y relative to the chart's top, ready to be
/// placed in the page flow and drawn. <see cref="Plot"/> is the area bars stay inside; <see cref="Bars"/> lists them.
/// </summary>
public sealed record ChartPicture(double Height, Box Plot, IReadOnlyList<DrawOp> Ops, IReadOnlyList<ChartBar> Bars)
{
    public IEnumerable<TextOp> Labels => Ops.OfType<TextOp>();
}
