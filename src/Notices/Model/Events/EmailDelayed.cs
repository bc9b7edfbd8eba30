namespace Notices.Model;

/// <summary>A delivery report said delivery is delayed and still being retried.</summary>
public sealed record EmailDelayed(
    string Status, string Action, string Dsn, string File,
    string? Diagnostic = null, string? MessageId = null, string? Reason = null, string? WillRetryUntil = null)
    : DeliveryReportEvent(Status, Action, Dsn, File, Diagnostic, MessageId, Reason, WillRetryUntil);
