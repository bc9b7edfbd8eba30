namespace Notices.Letters.Templates;

/// <summary>Everything made for one planned letter: the PDF input and both email bodies with their subject.</summary>
public sealed record ComposedLetter
{
    public required LetterDocument Document { get; init; }
    /// <summary>The HTML email body; empty unless the letter goes by email.</summary>
    public required string EmailHtml { get; init; }
    /// <summary>The plain-text email body; empty unless the letter goes by email.</summary>
    public required string EmailText { get; init; }
    /// <summary>One line, no CR/LF.</summary>
    public required string EmailSubject { get; init; }
    /// <summary>Changes made to fit the window address block (see DanishAddressBlock); empty when none.</summary>
    public IReadOnlyList<string> AddressWarnings { get; init; } = [];
}
