using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// Quoted-printable (RFC 2045 §6.7) for the text bodies: UTF-8, line breaks become CRLF, lines at most 76 characters
/// with soft breaks, white space before a line end encoded, '.' at a line start encoded (so no line is a lone "."
/// whatever the transport does). The output is 7-bit ASCII.
/// </summary>
public static class QuotedPrintable
{
    private const int MaxLine = 76;

    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = normalised.Split('\n');
        var sb = new StringBuilder(text.Length + (text.Length / 8));
        for (var l = 0; l < lines.Length; l++)
        {
            // A final line break does not start another (empty) line.
            if (l == lines.Length - 1 && lines[l].Length == 0 && l > 0)
            {
                break;
            }

            EncodeLine(sb, Encoding.UTF8.GetBytes(lines[l]));
            sb.Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static void EncodeLine(StringBuilder sb, byte[] bytes)
    {
        var lineLength = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var last = i == bytes.Length - 1;
            var literal = b is >= 33 and <= 126 and not (byte)'='
                || (b is (byte)' ' or (byte)'\t' && !last);
            if (lineLength == 0 && b == (byte)'.')
            {
                literal = false;
            }

            var width = literal ? 1 : 3;
            // Room for the token and, unless this is the line's last byte, a soft break '='.
            if (lineLength + width > (last ? MaxLine : MaxLine - 1))
            {
                sb.Append("=\r\n");
                lineLength = 0;
                if (b == (byte)'.')
                {
                    literal = false;
                    width = 3;
                }
            }

            if (literal)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }

            lineLength += width;
        }
    }

    private const string Hex = "0123456789ABCDEF";
}
