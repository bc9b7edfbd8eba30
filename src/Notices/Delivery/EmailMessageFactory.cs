using System.Net.Mail;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Delivery;

/// <summary>
/// Builds the <see cref="MailMessage"/> for a letter: From from the options, Reply-To per letter (<see cref="ReplyToFor"/>), To = recipient, UTF-8 subject,
/// plain text plus an HTML alternative, the PDF attached as a stream from disk, our own Message-ID, and a signed VERP Sender (<see cref="VerpSigner"/>).
/// Every header value from data goes through <see cref="HeaderText.Clean"/>.
/// </summary>
internal sealed class EmailMessageFactory(EmailIdentity options)
{
    private readonly string _messageIdDomain = options.MessageIdDomain
        ?? new MailAddress(options.FromAddress).Host;

    // Checked up front: an unsigned VERP address would make every report about the letter unmatchable.
    private readonly VerpSigner? _verp = string.IsNullOrWhiteSpace(options.BounceDomain) ? null
        : options.Verp ?? throw new ArgumentException("A bounce domain needs a VERP signer (EmailIdentity.Verp).", nameof(options));

    // The same key signs the per-letter Reply-To (over another purpose string, see VerpSigner.ReplyTag).
    private readonly VerpSigner? _replySigner = string.IsNullOrWhiteSpace(options.ReplyDomain) ? null
        : options.Verp ?? throw new ArgumentException("A reply domain needs a VERP signer (EmailIdentity.Verp).", nameof(options));

    public static string NewMessageId(string letterId, string domain)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"<{HeaderText.Token(letterId)}.{random}@{domain}>";
    }

    /// <summary>A fresh Message-ID for one send of a letter; retries of that send reuse it.</summary>
    public string NewMessageId(string letterId) => NewMessageId(letterId, _messageIdDomain);

    /// <summary>The letter's signed VERP address, or null without a bounce domain. The one place both email channels get it.</summary>
    public string? VerpAddressFor(OutgoingLetter letter) =>
        _verp?.Address(letter.CampaignId, letter.LetterId, options.BounceDomain!);

    /// <summary>The letter's Reply-To: its signed <c>svar+</c> address with a reply domain, else the fixed reply_to, else null.</summary>
    public string? ReplyToFor(OutgoingLetter letter) =>
        _replySigner?.ReplyAddress(letter.CampaignId, letter.LetterId, options.ReplyDomain!)
        ?? (string.IsNullOrWhiteSpace(options.ReplyToAddress) ? null : options.ReplyToAddress);

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
