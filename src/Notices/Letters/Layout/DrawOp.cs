namespace Notices.Letters.Layout;

/// <summary>One positioned drawing operation produced by the layout step (points, top-left origin).</summary>
public abstract record DrawOp
{
    /// <summary>The area the operation paints (for text: ascent to descent over its advance width).</summary>
    public abstract Box Bounds { get; }

    /// <summary>The same operation moved down by <paramref name="dy"/> points.</summary>
    public abstract DrawOp MovedDown(double dy);
}
