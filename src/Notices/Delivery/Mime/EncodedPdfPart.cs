using MimeKit;

namespace Notices.Delivery.Mime;

/// <summary>
/// The letter PDF as an application/pdf part whose base64 (76-character lines, CRLF) was made once, when the message
/// was built. MimeKit would pass even pre-encoded content through its line-ending filter, byte by byte, on every write
/// (DKIM, MailKit's SIZE measure, the send): in a profile of the SMTP channel that was the hottest method. Here the
/// headers are MimeKit's and the encoded bytes are copied as they are.
/// </summary>
internal sealed class EncodedPdfPart : MimePart
{
    private readonly byte[] _base64;

    public EncodedPdfPart(byte[] base64)
        : base("application", "pdf")
    {
        _base64 = base64;
    }

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        // With no Content, MimePart writes the headers (and the blank line) only.
        base.WriteTo(options, stream, contentOnly, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        stream.Write(_base64);
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        await base.WriteToAsync(options, stream, contentOnly, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(_base64, cancellationToken).ConfigureAwait(false);
    }
}
