namespace Notices.Letters.Layout;

/// <summary>
/// A block of the body flow (paragraph, heading, table, list item...) as a column of slices, with the rules
/// the paginator follows when it has to break it across pages.
/// </summary>
public sealed class FlowBlock
{
    public required string Kind { get; init; }
    public List<FlowSlice> Slices { get; init; } = [];
    public double SpaceBefore { get; set; }
    /// <summary>Headings: the block must share its page with the start of the next block.</summary>
    public bool KeepWithNext { get; init; }
    /// <summary>Least number of slices left at the foot of a page when the block breaks (orphan control).</summary>
    public int MinHead { get; init; } = 1;
    /// <summary>Least number of slices carried to the next page when the block breaks (widow control).</summary>
    public int MinTail { get; init; } = 1;
    /// <summary>Tables: slice 0 is the header row, repeated at the top of every continuation page.</summary>
    public bool RepeatFirstSlice { get; init; }
    /// <summary>A forced page break (the block itself draws nothing).</summary>
    public bool IsPageBreak { get; init; }
    /// <summary>The block starts a fresh page (the reply form).</summary>
    public bool StartsNewPage { get; init; }

    public double ContentHeight => Slices.Sum(s => s.Height);

    /// <summary>Keeps the block in one piece: it moves to the next page whole rather than split.</summary>
    public static FlowBlock Unbreakable(string kind, List<FlowSlice> slices, double spaceBefore) => new()
    {
        Kind = kind,
        Slices = slices,
        SpaceBefore = spaceBefore,
        MinHead = Math.Max(1, slices.Count),
        MinTail = 1,
    };

    public static FlowBlock PageBreak() => new() { Kind = "pagebreak", IsPageBreak = true };

    /// <summary>Smallest first piece the block can leave on a page (all of it when it cannot be split).</summary>
    public int SmallestFirstPiece()
    {
        var n = Slices.Count;
        return n - MinHead >= MinTail ? MinHead : n;
    }

    public bool CanBreakBefore(int index) =>
        index >= MinHead && Slices.Count - index >= MinTail;
}
