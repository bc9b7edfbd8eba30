namespace Notices.Letters.Layout;

/// <summary>Font sizes and spacing of a letter; the large-print style scales everything from a 16 pt body.</summary>
public sealed record LetterStyle
{
    public const double NormalBodySize = 10.5;
    public const double LargePrintBodySize = 16;

    public required double BodySize { get; init; }
    /// <summary>Scale relative to the normal style; spacing and secondary sizes follow it.</summary>
    public double Scale => BodySize / NormalBodySize;
    /// <summary>Line height as a multiple of the font size.</summary>
    public double LineFactor { get; init; } = 1.32;
    public double TitleSize => BodySize * 1.6;
    public double SubjectSize => BodySize * 1.15;
    public double Heading1Size => BodySize * 1.3;
    public double Heading2Size => BodySize * 1.12;
    public double SenderSize => 8.5 * Scale;
    public double AddressSize => BodySize;
    public double FooterSize => 8 * Scale;
    public double TableSize => BodySize * 0.95;
    /// <summary>Space between paragraphs.</summary>
    public double ParagraphGap => BodySize * 0.7;
    /// <summary>Space between items of a tight list.</summary>
    public double ListItemGap => BodySize * 0.2;
    public double HeadingGapBefore => BodySize * 1.1;
    public double HeadingGapAfter => BodySize * 0.35;
    public double CellPadding => BodySize * 0.35;
    public double QuoteIndent => BodySize * 2;

    public double LineHeight(double size) => size * LineFactor;

    public static LetterStyle Normal { get; } = new() { BodySize = NormalBodySize };
    public static LetterStyle LargePrint { get; } = new() { BodySize = LargePrintBodySize, LineFactor = 1.28 };

    public static LetterStyle For(LetterDocument letter) => letter.LargePrint ? LargePrint : Normal;
}
