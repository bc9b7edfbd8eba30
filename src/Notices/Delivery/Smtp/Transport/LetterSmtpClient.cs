using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// MailKit's client with our envelope: the ENVID and NOTIFY of the message being sent (MailKit asks through these
/// overrides), the server's SIZE limit checked before any command, and no re-encoding of the message: it is built
/// 7-bit (quoted-printable and base64) and possibly DKIM-signed, and an .eml in the pickup directory holds the same bytes.
/// </summary>
internal sealed class LetterSmtpClient(IProtocolLogger guard) : SmtpClient(guard)
{
    // RFC 3461 4.4: an ENVID is at most 100 characters; a longer one is left out rather than refused.
    private const int MaxEnvelopeIdLength = 100;

    public SmtpEnvelope? Envelope { get; set; }

    /// <summary>The size MailKit measured for the message being sent (it writes it once to count the bytes).</summary>
    public long MeasuredSize { get; private set; } = -1;

    /// <summary>BDAT (RFC 3030 CHUNKING) when the server offers it: the message goes as it is, without the byte-by-byte
    /// dot-stuffing that DATA needs. The server takes the message only once it has every byte of the declared size, so
    /// the pending/uncertain line (<see cref="DataProgress"/>) is the same as with DATA.</summary>
    protected override bool PreferSendAsBinaryData => true;

    protected override string? GetEnvelopeId(MimeMessage message) =>
        Envelope is { RequestDsn: true, EnvelopeId: { Length: > 0 } id } && XtextLength(id) <= MaxEnvelopeIdLength ? id : null;

    /// <summary>The length of the id as MailKit writes it (RFC 3461 xtext: "+XX" for each byte outside ! to ~, + and =).</summary>
    private static int XtextLength(string id) =>
        System.Text.Encoding.UTF8.GetBytes(id).Sum(b => b is >= 33 and <= 126 and not (byte)'+' and not (byte)'=' ? 1 : 3);

    protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
        Envelope is { RequestDsn: true } ? DeliveryStatusNotification.Success | DeliveryStatusNotification.Failure : null;

    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        // Deliberately nothing: see the class summary.
    }

    protected override long GetSize(FormatOptions options, MimeMessage message, CancellationToken cancellationToken)
    {
        var size = base.GetSize(options, message, cancellationToken);
        MeasuredSize = size;
        if ((Capabilities & SmtpCapabilities.Size) != 0 && MaxSize > 0 && (ulong)size > MaxSize)
        {
            throw new SmtpTransportException(SmtpStage.MailFrom,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the message ({size} bytes) is over the server's SIZE limit of {MaxSize} bytes"),
                connectionLost: false);
        }

        return size;
    }
}
