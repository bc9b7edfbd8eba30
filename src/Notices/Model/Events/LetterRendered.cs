namespace Notices.Model;

/// <summary>The letter PDF was made and written to <paramref name="File"/> (relative to the campaign's letters folder).</summary>
/// <param name="PackageSha256">The SHA-256 of the notice package the letter was made from (see <c>Approvals/PackageHasher</c>);
/// null in rows written before packages were hashed.</param>
public sealed record LetterRendered(string PdfSha256, int Pages, string File, bool LargePrint, string Date, string? PackageSha256 = null) : LedgerEvent;
