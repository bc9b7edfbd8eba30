namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// A failed SMTP session step. Either the server replied with an error (<see cref="Reply"/>), the connection was lost
/// or timed out (<see cref="ConnectionLost"/>), or the client refused on its own (neither: a message over the server's
/// SIZE limit, STARTTLS not offered, AUTH without TLS). <see cref="SmtpFailure.Classify(SmtpTransportException)"/>
/// says what it means for a letter.
/// </summary>
public sealed class SmtpTransportException : Exception
{
    public SmtpTransportException(SmtpStage stage, SmtpReply reply)
        : base($"{stage}: {reply.OneLine}")
    {
        Stage = stage;
        Reply = reply;
    }

    public SmtpTransportException(SmtpStage stage, string reason, bool connectionLost, Exception? inner = null)
        : base($"{stage}: {reason}", inner)
    {
        Stage = stage;
        ConnectionLost = connectionLost;
        LocalReason = reason;
    }

    public SmtpTransportException()
        : base("SMTP failure")
    {
    }

    public SmtpTransportException(string message)
        : base(message)
    {
    }

    public SmtpTransportException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SmtpStage Stage { get; }

    /// <summary>The server's error reply; null when the connection was lost or the client refused on its own.</summary>
    public SmtpReply? Reply { get; }

    /// <summary>The connection was lost, timed out or could not be made; the transport has closed it.</summary>
    public bool ConnectionLost { get; }

    /// <summary>The TLS handshake failed (certificate not trusted, name mismatch, protocol).</summary>
    public bool TlsFailed { get; init; }

    /// <summary>Why, in the client's words, when there is no reply (never holds credentials or addresses).</summary>
    public string? LocalReason { get; }

    /// <summary>Lost after the final dot and before the reply: the server may have queued the message.</summary>
    public bool MessageMayBeQueued => ConnectionLost && Stage == SmtpStage.EndOfData;
}
