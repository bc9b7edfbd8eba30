using Notices.Letters.Layout;

namespace Notices.Reports;

/// <summary>One bar of a chart as laid out: what it shows and where it is.</summary>
public sealed record ChartBar(string Label, int Value, Box Bounds);
