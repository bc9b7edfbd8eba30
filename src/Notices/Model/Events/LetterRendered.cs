namespace Notices.Model;

/// <summary>The letter PDF was made and written to <paramref name="File"/> (relative to the campaign's letters folder).</summary>
public sealed record LetterRendered(string PdfSha256, int Pages, string File, bool LargePrint, string Date) : LedgerEvent;
