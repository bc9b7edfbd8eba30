namespace Notices.Letters.Layout;

/// <summary>An axis-aligned rectangle in points (top-left origin).</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    /// <summary>True when the two boxes share area larger than <paramref name="tolerance"/> in both directions.</summary>
    public bool Overlaps(Box other, double tolerance = 0.01) =>
        X < other.Right - tolerance && other.X < Right - tolerance
        && Y < other.Bottom - tolerance && other.Y < Bottom - tolerance;

    public bool IsInside(Box outer, double tolerance = 0.01) =>
        X >= outer.X - tolerance && Y >= outer.Y - tolerance
        && Right <= outer.Right + tolerance && Bottom <= outer.Bottom + tolerance;
}
