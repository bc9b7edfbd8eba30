namespace Notices.Model;

/// <summary>
/// The SMTP server said 250 after DATA. <paramref name="Reply"/> is its final reply with addresses redacted
/// ("250 2.0.0 Ok: queued as 4Fq…"), which ties the letter to the MTA's log; null in rows written before it was kept.
/// </summary>
public sealed record EmailAccepted(string MessageId, string PdfSha256, string Server, int Attempts, string? Reply = null) : LedgerEvent;
