namespace Notices.Letters.Layout;

/// <summary>
/// Places flow blocks on pages top to bottom. Breaks only where a block allows it (widow/orphan control,
/// unbreakable blocks), keeps headings with the start of the next block, repeats table header rows on
/// continuation pages, and honours forced page breaks.
/// </summary>
public sealed class Paginator
{
    private readonly List<LayoutPage> _pages = [];
    private readonly double _followingTop;
    private readonly double _bottom;
    private LayoutPage _page;
    private double _y;
    private bool _atTop;

    /// <param name="firstPage">The first page, possibly already holding fixed content.</param>
    /// <param name="firstTop">Where the flow starts on the first page.</param>
    /// <param name="followingTop">Where the flow starts on later pages.</param>
    /// <param name="bottom">Lowest y any flow content may reach.</param>
    public Paginator(LayoutPage firstPage, double firstTop, double followingTop, double bottom)
    {
        _page = firstPage;
        _pages.Add(firstPage);
        _y = firstTop;
        _followingTop = followingTop;
        _bottom = bottom;
        _atTop = true;
    }

    public IReadOnlyList<LayoutPage> Pages => _pages;

    public void Place(IReadOnlyList<FlowBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.IsPageBreak)
            {
                if (!_atTop)
                {
                    NewPage();
                }

                continue;
            }

            if (block.StartsNewPage && (!_atTop || _page.Ops.Count > 0))
            {
                NewPage();
            }

            if (block.Slices.Count == 0)
            {
                continue;
            }

            if (block.KeepWithNext && !_atTop)
            {
                var needed = block.SpaceBefore + block.ContentHeight + LeadHeight(blocks, i + 1, depth: 0);
                if (_y + needed > _bottom)
                {
                    NewPage();
                }
            }

            PlaceBlock(block);
        }
    }

    /// <summary>Height the start of block <paramref name="index"/> needs on the same page as a heading before it.</summary>
    private static double LeadHeight(IReadOnlyList<FlowBlock> blocks, int index, int depth)
    {
        if (index >= blocks.Count || depth > 3)
        {
            return 0;
        }

        var next = blocks[index];
        if (next.IsPageBreak || next.StartsNewPage)
        {
            return 0;
        }

        if (next.KeepWithNext)
        {
            return next.SpaceBefore + next.ContentHeight + LeadHeight(blocks, index + 1, depth + 1);
        }

        var piece = next.SmallestFirstPiece();
        return next.SpaceBefore + next.Slices.Take(piece).Sum(s => s.Height);
    }

    private void PlaceBlock(FlowBlock block)
    {
        if (!_atTop)
        {
            _y += block.SpaceBefore;
        }

        var slices = block.Slices;
        var n = slices.Count;
        var start = 0;
        while (start < n)
        {
            var header = block.RepeatFirstSlice && start > 0 ? slices[0] : null;
            var available = _bottom - _y - (header?.Height ?? 0);
            var fit = 0;
            double used = 0;
            while (start + fit < n && used + slices[start + fit].Height <= available + 0.001)
            {
                used += slices[start + fit].Height;
                fit++;
            }

            if (start + fit == n)
            {
                Emit(header, slices, start, n);
                return;
            }

            var end = start + fit;
            while (end > start && !block.CanBreakBefore(end))
            {
                end--;
            }

            if (end == start || (header is not null && fit == 0))
            {
                if (!_atTop)
                {
                    NewPage();
                    continue;
                }

                // Nothing legal fits even on an empty page: break where the page is full (never lose content).
                end = start + Math.Max(fit, 1);
            }

            Emit(header, slices, start, end);
            start = end;
            NewPage();
        }
    }

    private void Emit(FlowSlice? header, List<FlowSlice> slices, int start, int end)
    {
        if (header is not null)
        {
            EmitSlice(header);
        }

        for (var i = start; i < end; i++)
        {
            EmitSlice(slices[i]);
        }
    }

    private void EmitSlice(FlowSlice slice)
    {
        foreach (var op in slice.Ops)
        {
            _page.Add(op.MovedDown(_y));
        }

        _y += slice.Height;
        _atTop = false;
    }

    private void NewPage()
    {
        _page = new LayoutPage(_pages.Count + 1);
        _pages.Add(_page);
        _y = _followingTop;
        _atTop = true;
    }
}
