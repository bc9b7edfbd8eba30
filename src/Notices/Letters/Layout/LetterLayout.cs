namespace Notices.Letters.Layout;

/// <summary>The finished layout of one letter: pages of positioned operations, ready to paint.</summary>
public sealed record LetterLayout
{
    public required string LetterId { get; init; }
    public required IReadOnlyList<LayoutPage> Pages { get; init; }
    public double PageWidth { get; init; } = PageGeometry.A4Width;
    public double PageHeight { get; init; } = PageGeometry.A4Height;
    /// <summary>The envelope window in points, where the recipient lines were placed.</summary>
    public required Box Window { get; init; }
    /// <summary>The font size used for body paragraphs.</summary>
    public required double BodyFontSize { get; init; }
    /// <summary>The area body content was confined to (x and width; y is per page).</summary>
    public required double ContentLeft { get; init; }
    public required double ContentWidth { get; init; }
    /// <summary>Number of the first page of the reply form.</summary>
    public required int ReplyFormPage { get; init; }
}
