namespace Notices.Model;

/// <summary>The SMTP server said 250 after DATA.</summary>
public sealed record EmailAccepted(string MessageId, string PdfSha256, string Server, int Attempts) : LedgerEvent;
