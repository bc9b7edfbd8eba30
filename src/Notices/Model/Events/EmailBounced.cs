namespace Notices.Model;

/// <summary>A delivery report or bounce said delivery failed after the server had accepted the message.</summary>
public sealed record EmailBounced(
    string Status, string Action, string Dsn, string File,
    string? Diagnostic = null, string? MessageId = null, string? Reason = null, string? WillRetryUntil = null)
    : DeliveryReportEvent(Status, Action, Dsn, File, Diagnostic, MessageId, Reason, WillRetryUntil);
