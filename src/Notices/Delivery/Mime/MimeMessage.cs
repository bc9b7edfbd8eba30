using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// One letter email, written the same way for the pickup directory and for SMTP DATA: multipart/mixed holding
/// multipart/alternative (text/plain, then text/html; UTF-8, quoted-printable) and the PDF (application/pdf,
/// attachment, base64 in 76-character lines, streamed from disk). 7-bit throughout, CRLF line ends, headers folded.
/// <para>
/// <see cref="Headers"/> (DKIM-Signature first when signed) and <see cref="WriteBodyAsync"/> are separate so a
/// transport can send the header block and the body its own way; <see cref="WriteToAsync"/> writes both with the
/// blank line between. <see cref="Size"/> is the exact length in bytes of what <see cref="WriteToAsync"/> writes
/// (while the PDF does not change).
/// </para>
/// </summary>
public sealed class MimeMessage
{
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();
    private readonly MailContent _content;
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly long _attachmentLength;

    private MimeMessage(MailContent content, IReadOnlyList<MimeHeader> headers, byte[] head, byte[] tail, long attachmentLength)
    {
        _content = content;
        Headers = headers;
        _head = head;
        _tail = tail;
        _attachmentLength = attachmentLength;
    }

    public IReadOnlyList<MimeHeader> Headers { get; private set; }

    public long Size => HeaderBlockLength + 2 + BodyLength;

    public long BodyLength => _head.Length + Base64Lines.EncodedLength(_attachmentLength) + _tail.Length;

    private long HeaderBlockLength => Headers.Sum(h => (long)h.Text.Length + 2);

    /// <summary>Builds the message; with <see cref="MailContent.Dkim"/> it reads the PDF once to sign the body.</summary>
    /// <exception cref="FormatException">The Message-ID is not &lt;…@…&gt;.</exception>
    /// <exception cref="IOException">The PDF cannot be read.</exception>
    public static async Task<MimeMessage> CreateAsync(MailContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsMessageId(content.MessageId))
        {
            throw new FormatException("invalid Message-ID");
        }

        var seed = content.Boundary is { Length: > 0 } given && given.All(char.IsAsciiLetterOrDigit)
            ? given
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        // "=_" can occur neither in quoted-printable (= is followed by hex or a line break) nor in base64, so a
        // boundary starting with it never appears in the content.
        var mixed = "=_m" + seed;
        var alternative = "=_a" + seed;
        var headers = TopHeaders(content, mixed);
        var (head, tail) = BodyFrame(content, mixed, alternative);
        var length = new FileInfo(content.AttachmentPath).Length;
        var message = new MimeMessage(content, headers, head, tail, length);
        if (content.Dkim is { } dkim)
        {
            using var hash = new RelaxedBodyHash();
            await message.WriteBodyAsync(hash, cancellationToken).ConfigureAwait(false);
            message.Headers = [dkim.Sign(headers, hash.Finish(), content.Date), .. headers];
        }

        return message;
    }

    /// <summary>The header block, each field ending with CRLF, without the blank line that ends the block.</summary>
    public async Task WriteHeadersAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var sb = new StringBuilder();
        foreach (var header in Headers)
        {
            sb.Append(header.Text).Append("\r\n");
        }

        await destination.WriteAsync(Encoding.ASCII.GetBytes(sb.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body (after the blank line), the PDF read from disk in chunks.</summary>
    public async Task WriteBodyAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        // Synchronous reads: on Linux an async read of a regular file is the same read on a thread-pool thread, plus a
        // hand-over per chunk (measured: 8 % of the SMTP channel's CPU).
        var pdf = new FileStream(_content.AttachmentPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false);
        await using (pdf.ConfigureAwait(false))
        {
            var read = await Base64Lines.WriteAsync(pdf, destination, cancellationToken).ConfigureAwait(false);
            if (read != _attachmentLength)
            {
                // Truncated or rewritten since the message was made: a shorter PDF would otherwise go out as valid
                // base64 (and break the DKIM body hash). Throwing before the tail leaves the message unfinished.
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"the PDF changed while the message was written ({read} bytes, expected {_attachmentLength})"));
            }
        }

        await destination.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        await WriteHeadersAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(s_crlf, cancellationToken).ConfigureAwait(false);
        await WriteBodyAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private static List<MimeHeader> TopHeaders(MailContent content, string mixed)
    {
        var headers = new List<MimeHeader>
        {
            HeaderFolding.Fold("From", HeaderFolding.MailboxTokens(content.From)),
            HeaderFolding.Fold("To", HeaderFolding.MailboxTokens(content.To)),
        };
        if (content.ReplyTo is { } replyTo)
        {
            headers.Add(HeaderFolding.Fold("Reply-To", HeaderFolding.MailboxTokens(replyTo)));
        }

        headers.Add(HeaderFolding.Fold("Subject", HeaderFolding.TextTokens(content.Subject)));
        headers.Add(HeaderFolding.Fold("Date", [HeaderFolding.Date(content.Date)]));
        headers.Add(HeaderFolding.Fold("Message-ID", [content.MessageId]));
        headers.Add(HeaderFolding.Fold("Auto-Submitted", ["auto-generated"]));
        headers.Add(HeaderFolding.Fold("Content-Language", ["da"]));
        headers.Add(HeaderFolding.Fold("MIME-Version", ["1.0"]));
        headers.Add(HeaderFolding.Fold("Content-Type", ["multipart/mixed;", $"boundary=\"{mixed}\""]));
        return headers;
    }

    private static (byte[] Head, byte[] Tail) BodyFrame(MailContent content, string mixed, string alternative)
    {
        using var head = new MemoryStream();
        void Text(string s) => head.Write(Encoding.ASCII.GetBytes(s));
        Text($"--{mixed}\r\n");
        if (content.HtmlBody is { Length: > 0 } html)
        {
            Text($"Content-Type: multipart/alternative;\r\n boundary=\"{alternative}\"\r\n\r\n");
            Text($"--{alternative}\r\n");
            TextPart(head, "plain", content.TextBody);
            Text($"--{alternative}\r\n");
            TextPart(head, "html", html);
            Text($"--{alternative}--\r\n");
        }
        else
        {
            TextPart(head, "plain", content.TextBody);
        }

        Text($"--{mixed}\r\n");
        var fileName = HeaderText.Clean(content.AttachmentFileName);
        var type = HeaderFolding.Fold("Content-Type", Parameters("application/pdf", HeaderFolding.FileNameParameter("name", fileName)));
        var disposition = HeaderFolding.Fold("Content-Disposition", Parameters("attachment", HeaderFolding.FileNameParameter("filename", fileName)));
        Text(type.Text + "\r\n" + disposition.Text + "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        return (head.ToArray(), Encoding.ASCII.GetBytes($"--{mixed}--\r\n"));
    }

    private static void TextPart(MemoryStream stream, string subtype, string text)
    {
        stream.Write(Encoding.ASCII.GetBytes($"Content-Type: text/{subtype}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"));
        stream.Write(QuotedPrintable.Encode(text));
    }

    private static List<string> Parameters(string value, List<string> parameters)
    {
        var tokens = new List<string> { value + ";" };
        for (var i = 0; i < parameters.Count; i++)
        {
            tokens.Add(parameters[i] + (i < parameters.Count - 1 ? ";" : ""));
        }

        return tokens;
    }

    private static bool IsMessageId(string id)
    {
        if (id.Length is < 5 or > 250 || id[0] != '<' || id[^1] != '>')
        {
            return false;
        }

        var inner = id[1..^1];
        var at = inner.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < inner.Length - 1 && inner.IndexOf('@', at + 1) < 0
            && inner.All(c => c is > ' ' and <= '~' and not ('<' or '>' or '"' or '\\' or '(' or ')' or ',' or ';' or ':' or '[' or ']'));
    }
}
