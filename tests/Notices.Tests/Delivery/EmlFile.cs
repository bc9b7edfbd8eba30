using System.Text;
using System.Text.RegularExpressions;

namespace Notices.Tests.Delivery;

/// <summary>Just enough MIME reading for the tests: raw header lines, unfolded headers, encoded words, the PDF part.</summary>
internal sealed partial class EmlFile
{
    public EmlFile(string path)
    {
        Text = File.ReadAllText(path, Encoding.ASCII);
        var end = Text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        HeaderBlock = Text[..end];
        RawHeaderLines = HeaderBlock.Split("\r\n");
        Headers = UnfoldedHeaders(RawHeaderLines);
    }

    public string Text { get; }

    public string HeaderBlock { get; }

    /// <summary>Top-level header lines as written (continuation lines start with white space).</summary>
    public IReadOnlyList<string> RawHeaderLines { get; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    public string Header(string name) =>
        Headers.Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>RFC 2047 decoding of B and Q encoded words (white space between encoded words is dropped).</summary>
    public static string DecodeWords(string value)
    {
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var payload = m.Groups[3].Value;
            var bytes = string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(payload)
                : QDecode(payload);
            return charset.GetString(bytes);
        });
    }

    /// <summary>The base64 body of the application/pdf part, decoded.</summary>
    public byte[] PdfAttachment(out string partHeaders)
    {
        var start = Text.IndexOf("Content-Type: application/pdf", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("no application/pdf part");
        }

        var bodyStart = Text.IndexOf("\r\n\r\n", start, StringComparison.Ordinal);
        partHeaders = Text[start..bodyStart];
        var bodyEnd = Text.IndexOf("\r\n--", bodyStart, StringComparison.Ordinal);
        var base64 = Text[(bodyStart + 4)..bodyEnd].Replace("\r\n", "", StringComparison.Ordinal);
        return Convert.FromBase64String(base64);
    }

    private static List<(string, string)> UnfoldedHeaders(IEnumerable<string> lines)
    {
        var headers = new List<(string, string)>();
        foreach (var line in lines)
        {
            if ((line.StartsWith(' ') || line.StartsWith('\t')) && headers.Count > 0)
            {
                var (name, value) = headers[^1];
                headers[^1] = (name, value + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add((line[..colon], line[(colon + 1)..].Trim()));
        }

        return headers;
    }

    private static byte[] QDecode(string payload)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] == '=' && i + 2 < payload.Length)
            {
                bytes.Add(Convert.ToByte(payload.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(payload[i] == '_' ? (byte)' ' : (byte)payload[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();
}
