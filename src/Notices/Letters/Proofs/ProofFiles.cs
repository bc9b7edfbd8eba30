namespace Notices.Letters.Proofs;

/// <summary>What one proof wrote: the letter PDF, its page images (or why there are none) and the email's parts.</summary>
public sealed record ProofFiles
{
    public required string PdfPath { get; init; }
    public required int Pages { get; init; }
    public required IReadOnlyList<string> PageImages { get; init; }
    /// <summary>Why no page images were made (pdftoppm missing or failed); null when they were.</summary>
    public string? PageImagesSkipped { get; init; }
    public required string EmailHtmlPath { get; init; }
    public required string EmailTextPath { get; init; }
    public required string EmailSubjectPath { get; init; }
}
