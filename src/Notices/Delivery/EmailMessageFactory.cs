using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Notices.Delivery;

/// <summary>
/// The System.Net.Mail message the SMTP channel still sends until it moves to <see cref="Mime.MimeMessage"/> (the pickup
/// channel already has). Addressing comes from <see cref="EmailAddressing"/>.
/// Builds the <see cref="MailMessage"/> for a letter: From from the options, Reply-To per letter (<see cref="ReplyToFor"/>), To = recipient, UTF-8 subject,
/// plain text plus an HTML alternative, the PDF attached as a stream from disk, our own Message-ID, and a signed VERP Sender (<see cref="VerpSigner"/>).
/// Every header value from data goes through <see cref="HeaderText.Clean"/>.
/// </summary>
internal sealed class EmailMessageFactory(EmailIdentity options)
{
    private readonly EmailAddressing _addressing = new(options);

    public static string NewMessageId(string letterId, string domain) => EmailAddressing.NewMessageId(letterId, domain);

    public string NewMessageId(string letterId) => _addressing.NewMessageId(letterId);

    public string? VerpAddressFor(OutgoingLetter letter) => _addressing.VerpAddressFor(letter);

    public string? ReplyToFor(OutgoingLetter letter) => _addressing.ReplyToFor(letter);

    /// <summary>
    /// The caller disposes the message, which closes the attachment stream. <paramref name="requestDsn"/> asks the
    /// server for delivery status notifications (RCPT … NOTIFY=SUCCESS,FAILURE); it only means something over SMTP.
    /// </summary>
    public MailMessage Create(OutgoingLetter letter, Stream pdf, string messageId, bool requestDsn)
    {
        var message = new MailMessage
        {
            HeadersEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            From = new MailAddress(options.FromAddress, HeaderText.Clean(options.FromDisplayName), Encoding.UTF8),
            Subject = HeaderText.Clean(letter.EmailSubject),
            Body = letter.EmailText ?? "",
            IsBodyHtml = false,
        };
        try
        {
            if (ReplyToFor(letter) is { } replyTo)
            {
                message.ReplyToList.Add(new MailAddress(replyTo));
            }

            message.To.Add(new MailAddress(
                HeaderText.Clean(letter.EmailAddress), HeaderText.Clean(letter.RecipientName), Encoding.UTF8));

            if (VerpAddressFor(letter) is { } verp)
            {
                message.Sender = new MailAddress(verp);
            }

            if (!string.IsNullOrEmpty(letter.EmailHtml))
            {
                message.AlternateViews.Add(
                    AlternateView.CreateAlternateViewFromString(letter.EmailHtml, Encoding.UTF8, MediaTypeNames.Text.Html));
            }

            var fileName = HeaderText.Clean(letter.AttachmentFileName);
            if (fileName.Length == 0)
            {
                fileName = HeaderText.Token(letter.LetterId) + ".pdf";
            }

            var attachment = new Attachment(pdf, new ContentType(MediaTypeNames.Application.Pdf) { Name = fileName });
            attachment.ContentDisposition!.FileName = fileName;
            if (!Ascii.IsValid(fileName))
            {
                attachment.NameEncoding = Encoding.UTF8;
            }

            message.Attachments.Add(attachment);

            if (requestDsn)
            {
                message.DeliveryNotificationOptions = DeliveryNotificationOptions.OnSuccess | DeliveryNotificationOptions.OnFailure;
            }

            message.Headers["Message-ID"] = messageId;
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }
}
