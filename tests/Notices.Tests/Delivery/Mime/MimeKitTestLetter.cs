using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Notices.Tests.Delivery.Mime;

/// <summary>
/// A letter email built with MimeKit as the sender will build it: multipart/mixed of multipart/alternative (text and
/// HTML, quoted-printable) and a base64 PDF, Danish letters in Subject and display names.
/// </summary>
internal static class MimeKitTestLetter
{
    public const string Subject = "Vigtig sikkerhedsmeddelelse om din insulinpumpe – læs før brug (ref. FA830)";

    public const string Text = "Kære Søren Ærø\n\nSe det vedhæftede brev om din pumpe med serienummer NG1234567H.\n\nMed venlig hilsen\nCamilla Sejersen\n";

    public static readonly DateTimeOffset Date = new(2026, 12, 5, 18, 20, 7, TimeSpan.FromHours(1));

    public static MimeMessage Create(byte[] pdf, string? subject = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Medtronic Danmark – Åbenrå", "fsn@medtronic-sample.example.com"));
        message.To.Add(new MailboxAddress("Søren Ærø Åkjær", "soeren@example.com"));
        message.ReplyTo.Add(new MailboxAddress("", "svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com"));
        message.Subject = subject ?? Subject;
        message.Date = Date;
        message.MessageId = "FA830-DK-000042.0123456789abcdef@bounces.example.com";
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, Text);
        var html = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        html.SetText(Encoding.UTF8, "<p>Kære Søren Ærø</p>\n<p>Se det vedhæftede brev om din pumpe.</p>\n<p>Med venlig hilsen<br>Camilla Sejersen</p>\n");
        var attachment = new MimePart("application", "pdf")
        {
            Content = new MimeContent(new MemoryStream(pdf, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf",
        };

        var mixed = new Multipart("mixed") { new MultipartAlternative { text, html }, attachment };
        // On the body entity: MimeKit keeps Content-* headers there and writes them in the message's header block.
        mixed.Headers.Add(HeaderId.ContentLanguage, "da");
        message.Body = mixed;
        return message;
    }

    /// <summary>The message as sent: CRLF line ends, no UTF-8 headers.</summary>
    public static byte[] Bytes(MimeMessage message)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var stream = new MemoryStream();
        message.WriteTo(format, stream);
        return stream.ToArray();
    }
}
