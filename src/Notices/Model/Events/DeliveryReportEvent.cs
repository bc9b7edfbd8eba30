namespace Notices.Model;

/// <summary>
/// What a delivery report (RFC 3464) or bounce said about a letter's email. <paramref name="Dsn"/> is the report's
/// own key (its Message-ID, else the file's SHA-256), so a report is recorded once.
/// </summary>
public abstract record DeliveryReportEvent(
    string Status, string Action, string Dsn, string File,
    string? Diagnostic = null, string? MessageId = null, string? Reason = null, string? WillRetryUntil = null) : LedgerEvent;
