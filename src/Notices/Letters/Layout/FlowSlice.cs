namespace Notices.Letters.Layout;

/// <summary>
/// The smallest unit the paginator places: a line of text or a table row. Its operations are positioned
/// with y relative to the slice's top; the paginator moves them to the page.
/// </summary>
public sealed class FlowSlice(double height, List<DrawOp> ops)
{
    public double Height { get; } = height;
    public List<DrawOp> Ops { get; } = ops;
}
