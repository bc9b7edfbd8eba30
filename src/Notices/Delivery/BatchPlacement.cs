namespace Notices.Delivery;

/// <summary>Where one letter landed in a batch file: its pages (1-based, in the batch) and the blank pad page, if any.</summary>
/// <param name="PdfSha256">The SHA-256 of exactly the letter PDF whose pages were copied into the batch.</param>
public sealed record BatchPlacement(OutgoingLetter Letter, int Position, int FirstPage, int Pages, int BlankPages, string PdfSha256)
{
    public int LastPage => FirstPage + Pages + BlankPages - 1;
}
