namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// MAIL FROM and RCPT TO for one message, plus what the message needs from the server. DSN parameters are sent only
/// when <see cref="RequestDsn"/> is set and the server offers DSN.
/// </summary>
public sealed record SmtpEnvelope(string From, IReadOnlyList<string> Recipients)
{
    /// <summary>ENVID (RFC 3461), xtext-encoded on the wire; left out when longer than 100 characters encoded.</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>Ask for RET=HDRS and NOTIFY=SUCCESS,FAILURE when the server offers DSN.</summary>
    public bool RequestDsn { get; init; }

    /// <summary>Estimated message size in bytes for SIZE=; null when unknown.</summary>
    public long? Size { get; init; }

    /// <summary>The body has 8-bit bytes (BODY=8BITMIME; refused when the server does not offer it).</summary>
    public bool EightBit { get; init; }

    /// <summary>Headers carry raw UTF-8 (SMTPUTF8). Also needed, and set automatically, for a non-ASCII address.</summary>
    public bool Utf8Headers { get; init; }
}
