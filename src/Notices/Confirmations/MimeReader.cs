namespace Notices.Confirmations;

/// <summary>
/// A small, tolerant MIME reader for delivery reports and bounces: headers with folding, nested multiparts with
/// boundaries, message/rfc822 parts, and base64 / quoted-printable bodies. CRLF and bare LF line ends both work.
/// It never throws on malformed input; what it cannot make sense of is read as a text/plain leaf.
/// </summary>
public static class MimeReader
{
    /// <summary>Deeper nesting than this is read as an opaque leaf (a hostile message cannot exhaust the stack).</summary>
    public const int MaxDepth = 12;

    public static MimeEntity Parse(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ParseEntity(MimeText.FromBytes(message), 0);
    }

    public static MimeEntity Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ParseEntity(MimeText.FromBytes(System.Text.Encoding.UTF8.GetBytes(message)), 0);
    }

    /// <summary>Reads just a header block (text/rfc822-headers), stopping at the first blank line.</summary>
    public static MimeHeaders ParseHeaders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MimeHeaders.Parse(MimeText.Lines(text).TakeWhile(l => l.Length > 0));
    }

    private static MimeEntity ParseEntity(string raw, int depth)
    {
        var (headerText, body) = SplitHeaderAndBody(raw);
        var headers = MimeHeaders.Parse(MimeText.Lines(headerText));
        var contentType = MimeContentType.Parse(headers["Content-Type"]);

        if (depth < MaxDepth && contentType.IsMultipart && !string.IsNullOrEmpty(contentType.Boundary))
        {
            var parts = SplitMultipart(body, contentType.Boundary).Select(p => ParseEntity(p, depth + 1)).ToList();
            return new MimeEntity(headers, contentType, [], parts, null);
        }

        var decoded = TransferDecoding.Decode(headers["Content-Transfer-Encoding"], MimeText.ToBytes(body));
        MimeEntity? enclosed = null;
        if (depth < MaxDepth && (contentType.Is("message/rfc822") || contentType.Is("message/global")))
        {
            enclosed = ParseEntity(MimeText.FromBytes(decoded), depth + 1);
        }

        return new MimeEntity(headers, contentType, decoded, [], enclosed);
    }

    /// <summary>The header block ends at the first empty line; a message without one is all headers.</summary>
    private static (string Headers, string Body) SplitHeaderAndBody(string raw)
    {
        if (raw.StartsWith('\n'))
        {
            return ("", raw[1..]);
        }

        if (raw.StartsWith("\r\n", StringComparison.Ordinal))
        {
            return ("", raw[2..]);
        }

        var position = 0;
        while (position < raw.Length)
        {
            var newline = raw.IndexOf('\n', position);
            if (newline < 0)
            {
                break;
            }

            var next = newline + 1;
            if (next < raw.Length && raw[next] == '\n')
            {
                return (raw[..newline], raw[(next + 1)..]);
            }

            if (next + 1 < raw.Length && raw[next] == '\r' && raw[next + 1] == '\n')
            {
                return (raw[..newline], raw[(next + 2)..]);
            }

            position = next;
        }

        return (raw, "");
    }

    /// <summary>
    /// The text between delimiter lines ("--boundary", the last "--boundary--"). The line break before a delimiter
    /// belongs to the delimiter. The preamble and epilogue are dropped; a missing closing delimiter ends the last
    /// part at the end of the body.
    /// </summary>
    private static List<string> SplitMultipart(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        int? partStart = null;
        var position = 0;
        while (position <= body.Length)
        {
            var newline = body.IndexOf('\n', position);
            var lineEnd = newline < 0 ? body.Length : newline;
            var line = body.AsSpan(position, lineEnd - position).TrimEnd('\r');
            if (line.StartsWith(delimiter, StringComparison.Ordinal))
            {
                var tail = line[delimiter.Length..];
                var closing = tail.StartsWith("--", StringComparison.Ordinal);
                if (closing || tail.Trim().IsEmpty)
                {
                    if (partStart is { } start)
                    {
                        parts.Add(body[start..PartEnd(body, start, position)]);
                    }

                    if (closing)
                    {
                        return parts;
                    }

                    partStart = newline < 0 ? body.Length : newline + 1;
                }
            }

            if (newline < 0)
            {
                break;
            }

            position = newline + 1;
        }

        if (partStart is { } last && last < body.Length)
        {
            parts.Add(body[last..]);
        }

        return parts;
    }

    /// <summary>Where a part ends: before the CRLF (or LF) that precedes the delimiter line at <paramref name="delimiterLine"/>.</summary>
    private static int PartEnd(string body, int start, int delimiterLine)
    {
        var end = delimiterLine;
        if (end > start && body[end - 1] == '\n')
        {
            end--;
            if (end > start && body[end - 1] == '\r')
            {
                end--;
            }
        }

        return end;
    }
}
