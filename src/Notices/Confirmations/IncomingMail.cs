using MimeKit;

// Notices.Delivery.Mime has its own MimeMessage for outgoing mail; incoming mail is always MimeKit's.
using MimeMessage = MimeKit.MimeMessage;

namespace Notices.Confirmations;

/// <summary>
/// Loads a received message (a delivery report, a bounce, a reply) with MimeKit, with options for input from
/// strangers: bounded nesting, loose RFC compliance. Never throws on malformed input: what MimeKit cannot read
/// as a message at all comes back as a message without headers or body.
/// </summary>
public static class IncomingMail
{
    /// <summary>Deeper nesting than this is kept as an opaque leaf part (a hostile message cannot exhaust the stack).</summary>
    public const int MaxMimeDepth = 12;

    /// <summary>Shared and never changed after this: MimeKit keeps a reference in every header it parses.</summary>
    private static readonly ParserOptions Options = new()
    {
        MaxMimeDepth = MaxMimeDepth,
        AddressParserComplianceMode = RfcComplianceMode.Loose,
        ParameterComplianceMode = RfcComplianceMode.Loose,
        Rfc2047ComplianceMode = RfcComplianceMode.Loose,
        // Raw 8-bit header text: UTF-8 first, then Latin-1 (Danish mail programs of old wrote æøå as single bytes).
        CharsetEncoding = System.Text.Encoding.Latin1,
        RespectContentLength = false,
    };

    /// <summary>The message; an empty one when the bytes do not start with a header block MimeKit can read.</summary>
    public static MimeMessage Load(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream(message, writable: false);
        try
        {
            return MimeMessage.Load(Options, stream);
        }
        catch (FormatException)
        {
            // No header block (garbage, or an empty file): nothing in it can name a letter. Not new MimeMessage():
            // that one invents a Date and a Message-ID.
            return new MimeMessage(new HeaderList());
        }
    }

    /// <summary>A bare header block (text/rfc822-headers and the like); empty when it is not one.</summary>
    public static HeaderList LoadHeaders(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return HeaderList.Load(Options, stream);
        }
        catch (FormatException)
        {
            return new HeaderList();
        }
    }

    /// <summary>
    /// The headers at the start of a leaf part's decoded content. For returned headers or messages that a mail
    /// system wrongly base64-encoded, which MimeKit (following RFC 2046) keeps as opaque parts.
    /// </summary>
    public static HeaderList LoadHeaders(MimePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Content is null)
        {
            return new HeaderList();
        }

        using var decoded = part.Content.Open();
        return LoadHeaders(decoded);
    }

    /// <summary>
    /// The message body and every part below it, depth first. Does not enter enclosed messages (message/rfc822):
    /// what a returned original says must not be read as what the report says.
    /// </summary>
    public static IEnumerable<MimeEntity> Parts(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Body is null ? [] : Walk(message.Body);
    }

    /// <summary>Every value of the header named <paramref name="name"/> (any case), decoded and unfolded, in order.</summary>
    public static IEnumerable<string> All(HeaderList headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Where(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    }

    /// <summary>Whether the entity's media type is <paramref name="mediaType"/> ("type/subtype", any case).</summary>
    public static bool Is(MimeEntity entity, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return string.Equals(entity.ContentType.MimeType, mediaType, StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity entity)
    {
        // Depth is bounded by MaxMimeDepth: deeper multiparts were parsed as leaf parts.
        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var inner in Walk(child))
                {
                    yield return inner;
                }
            }
        }
    }
}
