namespace Notices.Model;

/// <summary>The letter's place in a print batch. It counts only once the batch has a <see cref="BatchSealed"/>.</summary>
public sealed record PrintBatched(string Batch, int Position, int FirstPage, int Pages, string PdfSha256, int BlankPages = 0) : LedgerEvent;
