using Markdig.Syntax;
using Notices.Campaigns;

namespace Notices.Letters;

/// <summary>
/// Everything the PDF writer needs for one letter: the merged body as a Markdig syntax tree plus the
/// fixed parts (sender, window address, date, reference, signature, reply form).
/// </summary>
public sealed record LetterDocument
{
    public required string LetterId { get; init; }
    /// <summary>Heading, e.g. "Vigtig sikkerhedsmeddelelse".</summary>
    public required string Title { get; init; }
    public required string Subject { get; init; }
    /// <summary>The manufacturer's FSCA reference, printed as "Vores ref.: FA830".</summary>
    public required string Reference { get; init; }
    /// <summary>The date written out in Danish, e.g. "21. november 2026".</summary>
    public required string DateText { get; init; }
    public required SenderInfo Sender { get; init; }
    /// <summary>Window address block, already formatted and limited (at most 6 lines of at most 54 characters).</summary>
    public required IReadOnlyList<string> RecipientLines { get; init; }
    public required bool LargePrint { get; init; }
    /// <summary>The merged letter body (Markdown parsed with <see cref="MarkdownPipelines.Letter"/>).</summary>
    public required MarkdownDocument Body { get; init; }
    public string Greeting { get; init; } = "Med venlig hilsen";
    public required ReplyFormContent ReplyForm { get; init; }
    public WindowRect Window { get; init; } = WindowRect.C5Left;
    /// <summary>The small return lines printed in the window above the recipient (text, then address); empty prints none.</summary>
    public IReadOnlyList<string> ReturnLines { get; init; } = [];
    /// <summary>The campaign's logo, prepared once and shared by all its letters.</summary>
    public Images.LogoImage? Logo { get; init; }
    /// <summary>PDF document information: title, author (organisation), subject and keywords (the reference).</summary>
    public required PdfMetadata Metadata { get; init; }
}
