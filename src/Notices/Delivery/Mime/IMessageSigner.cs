using MimeKit;
using MimeMessage = MimeKit.MimeMessage;

namespace Notices.Delivery.Mime;

/// <summary>Signs a finished letter email (DKIM). Owned here, where messages are built; the signer implements it.</summary>
public interface IMessageSigner
{
    /// <summary>Adds the signature header first; <paramref name="format"/> is how the message will be written.</summary>
    void Sign(MimeMessage message, FormatOptions format, DateTimeOffset time);
}
