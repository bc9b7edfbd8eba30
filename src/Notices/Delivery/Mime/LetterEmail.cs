using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;
using MimeMessage = MimeKit.MimeMessage;

namespace Notices.Delivery.Mime;

/// <summary>
/// One letter email as a MimeKit message, built the same way for the pickup directory and for SMTP: multipart/mixed
/// holding multipart/alternative (text/plain, then text/html; UTF-8, quoted-printable) and the PDF (application/pdf,
/// attachment, base64), with Message-ID, Auto-Submitted and Content-Language, and no Sender header (the VERP address
/// is the envelope sender only). The PDF is streamed from disk whenever the message is written, never held.
/// <para>
/// Disposing closes the PDF. A message whose recipient has a non-ASCII local part is <see cref="International"/>: it is
/// written with UTF-8 headers (RFC 6532) and can only go to a server that offers SMTPUTF8.
/// </para>
/// </summary>
public sealed class LetterEmail : IDisposable
{
    private LetterEmail(MimeMessage message, bool international)
    {
        Message = message;
        International = international;
        Format = FormatFor(international);
    }

    /// <summary>Attachments up to this size are encoded once in memory; larger ones are streamed (see AttachmentContent).</summary>
    public const long InMemoryAttachmentLimit = 4 * 1024 * 1024;

    public MimeMessage Message { get; }

    /// <summary>An address has a non-ASCII local part: the message needs SMTPUTF8.</summary>
    public bool International { get; }

    /// <summary>How the message is written (CRLF, UTF-8 headers only when <see cref="International"/>); DKIM signs with the same.</summary>
    public FormatOptions Format { get; }

    /// <summary>Builds the message and, with <see cref="MailContent.Dkim"/>, signs it (which reads the PDF once).</summary>
    /// <exception cref="FormatException">The Message-ID is not &lt;…@…&gt;.</exception>
    /// <exception cref="IOException">The PDF cannot be read (FileNotFoundException when it is gone).</exception>
    public static LetterEmail Create(MailContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!MessageIdText.IsValid(content.MessageId))
        {
            throw new FormatException("invalid Message-ID");
        }

        var international = content.To.IsInternational || content.From.IsInternational || content.ReplyTo is { IsInternational: true };
        var message = new MimeMessage();
        message.From.Add(Mailbox(content.From));
        message.To.Add(Mailbox(content.To));
        if (content.ReplyTo is { } replyTo)
        {
            message.ReplyTo.Add(Mailbox(replyTo));
        }

        message.Subject = HeaderText.Clean(content.Subject);
        message.Date = content.Date;
        message.MessageId = content.MessageId[1..^1];
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        InAgreedOrder(message.Headers);

        var seed = content.Boundary is { Length: > 0 } given && given.All(char.IsAsciiLetterOrDigit)
            ? given
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        // "=_" can occur neither in quoted-printable (= is followed by hex or a line break) nor in base64, so a
        // boundary starting with it never appears in the content.
        var mixed = new Multipart("mixed") { Boundary = "=_m" + seed };
        // On the body entity: MimeKit keeps Content-* headers there, and DKIM finds (and signs) them only there.
        mixed.Headers.Add(HeaderId.ContentLanguage, "da");
        mixed.Add(Text(content, seed));
        mixed.Add(Attachment(content));
        message.Body = mixed;

        var email = new LetterEmail(message, international);
        try
        {
            content.Dkim?.Sign(message, email.Format, content.Date);
        }
        catch
        {
            email.Dispose();
            throw;
        }

        return email;
    }

    /// <summary>The message as it goes out: headers, blank line, body, CRLF line ends.</summary>
    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Message.WriteTo(Format, destination, cancellationToken);
    }

    public void Dispose() => Message.Dispose();

    /// <summary>CRLF line ends; UTF-8 headers only for an international message, encoded words otherwise.</summary>
    public static FormatOptions FormatFor(bool international)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.EnsureNewLine = true;
        format.International = international;
        return format;
    }

    private static MimeEntity Text(MailContent content, string seed)
    {
        var plain = TextPart(TextFormat.Plain, content.TextBody);
        if (content.HtmlBody is not { Length: > 0 } html)
        {
            return plain;
        }

        var alternative = new MultipartAlternative { Boundary = "=_a" + seed };
        alternative.Add(plain);
        alternative.Add(TextPart(TextFormat.Html, html));
        return alternative;
    }

    private static TextPart TextPart(TextFormat format, string text)
    {
        // Canonical form (RFC 2045): CRLF line ends before encoding; base64 would otherwise carry bare LFs.
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text.ReplaceLineEndings("\r\n"));
        // Quoted-printable keeps the text readable, but MimeKit's encoder leaves a dot at the start of a line as it is,
        // and its soft line breaks can put one there too. Over SMTP that is dot-stuffed; in a pickup .eml a lone "."
        // would end the message for a consumer that reads it like SMTP data. Such a text goes in base64, which has no
        // dot. The encoded text is a few kilobytes, so looking at it costs little.
        if (EncodedLineStartsWithADot(part))
        {
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }

        return part;
    }

    private static bool EncodedLineStartsWithADot(TextPart part)
    {
        using var encoded = new MemoryStream();
        part.WriteTo(FormatFor(international: false), encoded, contentOnly: true);
        var bytes = encoded.GetBuffer().AsSpan(0, (int)encoded.Length);
        return (bytes.Length > 0 && bytes[0] == (byte)'.') || bytes.IndexOf("\n."u8) >= 0;
    }

    /// <summary>From, To, Reply-To, Subject, Date, Message-ID, Auto-Submitted, MIME-Version: the order people read them
    /// in (MimeKit's own puts Date and Message-ID first).</summary>
    private static void InAgreedOrder(HeaderList headers)
    {
        HeaderId[] order = [HeaderId.From, HeaderId.To, HeaderId.ReplyTo, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
            HeaderId.AutoSubmitted, HeaderId.MimeVersion];
        var all = headers.ToList();
        var sorted = all.OrderBy(h => Array.IndexOf(order, h.Id) is var i && i < 0 ? order.Length : i).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (!ReferenceEquals(headers[i], sorted[i]))
            {
                headers.Remove(sorted[i]);
                headers.Insert(i, sorted[i]);
            }
        }
    }

    /// <summary>
    /// A letter PDF (about 90 KB) is read once, checked against its recorded hash, and base64-encoded once
    /// (<see cref="EncodedPdfPart"/>): the message is written two or three times (DKIM, MailKit's SIZE measure, the
    /// send), and each pass copies the encoded bytes. A PDF over <see cref="InMemoryAttachmentLimit"/> is streamed from
    /// disk and encoded on each pass instead, so memory never grows with an attachment's size.
    /// </summary>
    private static MimePart Attachment(MailContent content)
    {
        MimePart part;
        using (var file = new FileStream(content.AttachmentPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false))
        {
            if (file.Length > InMemoryAttachmentLimit)
            {
                part = new MimePart("application", "pdf")
                {
                    Content = new MimeContent(PdfAttachmentStream.Open(content.AttachmentPath, content.AttachmentSha256)),
                };
            }
            else
            {
                var bytes = new byte[file.Length];
                file.ReadExactly(bytes);
                if (file.ReadByte() >= 0
                    || (content.AttachmentSha256 is { Length: > 0 } expected
                        && !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expected, StringComparison.OrdinalIgnoreCase)))
                {
                    // What goes out must be the document the ledger recorded.
                    throw new AttachmentChangedException("the PDF changed since its hash was recorded");
                }

                part = new EncodedPdfPart(Base64Block.Encode(bytes));
            }
        }

        // A Danish file name goes as RFC 2231 continuations; MimeKit declares ISO-8859-1 when every letter fits it.
        part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
        part.FileName = HeaderText.Clean(content.AttachmentFileName);
        part.ContentTransferEncoding = ContentEncoding.Base64;
        return part;
    }

    private static MimeKit.MailboxAddress Mailbox(MailboxAddress address) =>
        new(address.DisplayName ?? "", address.Address);
}
