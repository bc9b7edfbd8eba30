namespace Notices.Confirmations;

/// <summary>
/// One MIME entity: a whole message, a part of a multipart, or the message inside a message/rfc822 part.
/// Leaf bodies are kept decoded from their Content-Transfer-Encoding.
/// </summary>
public sealed class MimeEntity
{
    internal MimeEntity(MimeHeaders headers, MimeContentType contentType, byte[] body, IReadOnlyList<MimeEntity> parts, MimeEntity? message)
    {
        Headers = headers;
        ContentType = contentType;
        Body = body;
        Parts = parts;
        Message = message;
    }

    public MimeHeaders Headers { get; }

    public MimeContentType ContentType { get; }

    /// <summary>The decoded body of a leaf part; empty for a multipart.</summary>
    public byte[] Body { get; }

    /// <summary>The parts of a multipart, in order; empty otherwise.</summary>
    public IReadOnlyList<MimeEntity> Parts { get; }

    /// <summary>The enclosed message of a message/rfc822 (or message/global) part.</summary>
    public MimeEntity? Message { get; }

    /// <summary>The body as text, decoded with the part's charset.</summary>
    public string Text => MimeText.Decode(Body, ContentType.Charset);

    /// <summary>This entity and every part below it, depth first; does not enter enclosed messages.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        yield return this;
        foreach (var part in Parts)
        {
            foreach (var inner in part.Descendants())
            {
                yield return inner;
            }
        }
    }
}
