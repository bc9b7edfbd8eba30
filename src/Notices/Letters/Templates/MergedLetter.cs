namespace Notices.Letters.Templates;

/// <summary>The three merged texts of one letter: letter body and email body (Markdown) and email subject (plain).</summary>
public sealed record MergedLetter(string LetterMarkdown, string EmailMarkdown, string EmailSubject);
