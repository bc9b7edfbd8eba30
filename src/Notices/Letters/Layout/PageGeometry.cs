namespace Notices.Letters.Layout;

/// <summary>A4 page geometry in PDF points (1/72 inch), origin top-left, y growing downwards.</summary>
public static class PageGeometry
{
    public const double A4Width = 595.2756;   // 210 mm
    public const double A4Height = 841.8898;  // 297 mm
    public const double PointsPerMm = 72 / 25.4;

    /// <summary>Nothing may be drawn closer than this to a page edge (printer's unprintable border).</summary>
    public static readonly double PrintableMargin = Mm(10);

    public static readonly double ContentLeft = Mm(20);
    public static readonly double ContentRight = A4Width - Mm(20);
    public static readonly double ContentWidth = ContentRight - ContentLeft;
    public static readonly double FirstPageTop = Mm(15);
    public static readonly double FollowingPageTop = Mm(20);

    public static double Mm(double millimetres) => millimetres * PointsPerMm;
}
