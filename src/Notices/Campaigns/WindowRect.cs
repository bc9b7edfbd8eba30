namespace Notices.Campaigns;

/// <summary>
/// The envelope window the recipient address must sit in, in millimetres from the page's top-left corner.
/// Default: C5/C65 left window (20 mm from the left, 45 mm from the top, 90 x 45 mm).
/// </summary>
public sealed record WindowRect(double LeftMm, double TopMm, double WidthMm, double HeightMm)
{
    public static WindowRect C5Left { get; } = new(20, 45, 90, 45);
}
