namespace Notices.Model;

/// <summary>A delivery report confirmed delivery to the recipient's mailbox.</summary>
public sealed record EmailDelivered(
    string Status, string Action, string Dsn, string File,
    string? Diagnostic = null, string? MessageId = null, string? Reason = null, string? WillRetryUntil = null)
    : DeliveryReportEvent(Status, Action, Dsn, File, Diagnostic, MessageId, Reason, WillRetryUntil);
