namespace Notices.Model;

/// <summary>
/// Intent, committed before the hand-over: this Message-ID is about to go to the server (or into the pickup
/// directory). An intent with no outcome after it means the hand-over may or may not have happened: uncertain.
/// </summary>
public sealed record EmailSending(string MessageId, EmailTransport Transport, string PdfSha256, bool Resend = false) : LedgerEvent;
