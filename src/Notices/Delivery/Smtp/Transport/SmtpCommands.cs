using System.Globalization;
using System.Text;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>The MAIL FROM, RCPT TO and DATA lines of one transaction, with the parameters the server offered.</summary>
internal static class SmtpCommands
{
    /// <exception cref="SmtpTransportException">The message is over the server's SIZE limit, or needs an extension the server lacks.</exception>
    public static IReadOnlyList<string> Transaction(SmtpEnvelope envelope, SmtpExtensions extensions)
    {
        if (extensions.MaxSize is > 0 and var limit && envelope.Size > limit)
        {
            throw new SmtpTransportException(SmtpStage.MailFrom,
                string.Create(CultureInfo.InvariantCulture, $"the message ({envelope.Size} bytes) is over the server's SIZE limit of {limit} bytes"),
                connectionLost: false);
        }

        var utf8 = envelope.Utf8Headers || !Ascii.IsValid(envelope.From) || envelope.Recipients.Any(r => !Ascii.IsValid(r));
        if (utf8 && !extensions.SmtpUtf8)
        {
            throw new SmtpTransportException(SmtpStage.MailFrom, "the message needs SMTPUTF8, which the server does not offer", connectionLost: false);
        }

        if (envelope.EightBit && !extensions.EightBitMime)
        {
            throw new SmtpTransportException(SmtpStage.MailFrom, "the message needs 8BITMIME, which the server does not offer", connectionLost: false);
        }

        var mail = new StringBuilder("MAIL FROM:<").Append(envelope.From).Append('>');
        if (extensions.MaxSize is not null && envelope.Size is { } size)
        {
            mail.Append(CultureInfo.InvariantCulture, $" SIZE={size}");
        }

        if (envelope.EightBit)
        {
            mail.Append(" BODY=8BITMIME");
        }

        if (utf8)
        {
            mail.Append(" SMTPUTF8");
        }

        var dsn = envelope.RequestDsn && extensions.Dsn;
        if (dsn)
        {
            mail.Append(" RET=HDRS");
            // RFC 3461 4.4: ENVID is at most 100 characters; a longer one is left out rather than refused.
            if (!string.IsNullOrEmpty(envelope.EnvelopeId) && Xtext.Encode(envelope.EnvelopeId) is { Length: <= 100 } envid)
            {
                mail.Append(" ENVID=").Append(envid);
            }
        }

        var lines = new List<string> { mail.ToString() };
        lines.AddRange(envelope.Recipients.Select(r => "RCPT TO:<" + r + ">" + (dsn ? " NOTIFY=SUCCESS,FAILURE" : "")));
        lines.Add("DATA");
        return lines;
    }
}
