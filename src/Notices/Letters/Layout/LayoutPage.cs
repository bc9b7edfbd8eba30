namespace Notices.Letters.Layout;

/// <summary>One laid-out page: its 1-based number and the operations that paint it.</summary>
public sealed class LayoutPage(int number)
{
    private readonly List<DrawOp> _ops = [];

    public int Number { get; } = number;
    public IReadOnlyList<DrawOp> Ops => _ops;

    public void Add(DrawOp op) => _ops.Add(op);

    public void AddRange(IEnumerable<DrawOp> ops) => _ops.AddRange(ops);

    public IEnumerable<TextOp> TextRuns => _ops.OfType<TextOp>();
}
