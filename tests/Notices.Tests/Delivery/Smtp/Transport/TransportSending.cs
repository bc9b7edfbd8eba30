using System.Text;
using Notices.Delivery.Mime;
using Notices.Delivery.Smtp.Transport;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>The transcript tests' way of sending: a raw message text, parsed by MimeKit (which writes it back byte for
/// byte), sent on a worker thread as the SMTP channel's workers do.</summary>
internal static class TransportSending
{
    public static MimeKit.MimeMessage Message(string text) =>
        MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static Task<SmtpReply> SendAsync(this SmtpTransport transport, SmtpEnvelope envelope, MimeKit.MimeMessage message,
        CancellationToken cancellationToken) =>
        transport.SendAsync(envelope, message, afterLastByte: null, cancellationToken);

    public static Task<SmtpReply> SendAsync(this SmtpTransport transport, SmtpEnvelope envelope, MimeKit.MimeMessage message,
        Action? afterLastByte, CancellationToken cancellationToken) =>
        Task.Run(() => transport.Send(envelope, message, LetterEmail.FormatFor(international: false), international: false, afterLastByte, cancellationToken),
            CancellationToken.None);
}
