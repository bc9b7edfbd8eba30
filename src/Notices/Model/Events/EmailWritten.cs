namespace Notices.Model;

/// <summary>The .eml file is in the pickup directory. <paramref name="Recovered"/>: found there by a later run after a crash.</summary>
public sealed record EmailWritten(string MessageId, string File, string PdfSha256, bool Recovered = false) : LedgerEvent;
