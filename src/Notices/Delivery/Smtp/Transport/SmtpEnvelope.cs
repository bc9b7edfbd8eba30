namespace Notices.Delivery.Smtp.Transport;

/// <summary>MAIL FROM and RCPT TO of one message, with its RFC 3461 envelope id and whether to ask for reports.</summary>
public sealed record SmtpEnvelope(string From, IReadOnlyList<string> Recipients)
{
    /// <summary>ENVID: the letter id, returned in every delivery report as Original-Envelope-Id.</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>NOTIFY=SUCCESS,FAILURE and RET=HDRS when the server offers DSN.</summary>
    public bool RequestDsn { get; init; }
}
