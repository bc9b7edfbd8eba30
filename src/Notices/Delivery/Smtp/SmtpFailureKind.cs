namespace Notices.Delivery.Smtp;

public enum SmtpFailureKind
{
    /// <summary>A 4xx reply about this message or recipient (greylisted, mailbox busy, local error): retried, then this
    /// letter alone is deferred; the server stays in use for the others.</summary>
    Temporary,
    /// <summary>5xx for this message or recipient: retrying will not help; the letter goes to post instead.</summary>
    Permanent,
    /// <summary>The connection failed (refused, lost, timed out) or the server closes the session (421): retried, then
    /// the server is given up for the rest of the run and later letters stay pending at once.</summary>
    ServerUnavailable,
    /// <summary>The server refuses us, not the letter (TLS, authentication): stop sending, letters stay pending.</summary>
    ServerRefused,
}
