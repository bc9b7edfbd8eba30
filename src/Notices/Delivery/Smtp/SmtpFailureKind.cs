namespace Notices.Delivery.Smtp;

public enum SmtpFailureKind
{
    /// <summary>A 4xx reply about this message or recipient (greylisted, mailbox busy, local error): retried, then this
    /// letter alone is deferred; the server stays in use for the others.</summary>
    Temporary,
    /// <summary>5xx for this message or recipient: retrying will not help; the letter goes to post instead.</summary>
    Permanent,
    /// <summary>The connection could not be made (refused, unreachable) or the server closes the session (421): retried, then
    /// the server is given up for the rest of the run and later letters stay pending at once.</summary>
    ServerUnavailable,
    /// <summary>
    /// The connection was lost or timed out after the message's final dot was sent and before the server's reply. A
    /// server stopped between queueing a message and sending its 250 has the message, so the letter is not retried and
    /// gets no outcome: it stays uncertain (its intent is recorded) until a delivery report settles it or the user
    /// re-sends it with the same Message-ID. A connection lost earlier is not a cut: the server never had the whole
    /// message, and the letter is retried on a new connection.
    /// </summary>
    Cut,
    /// <summary>The server refuses us, not the letter (TLS, authentication): stop sending, letters stay pending.</summary>
    ServerRefused,
}
