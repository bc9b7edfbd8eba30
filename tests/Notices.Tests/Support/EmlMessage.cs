using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;

namespace Notices.Tests.Support;

/// <summary>A small reader for the .eml files System.Net.Mail writes: headers, decoded text parts and attachments.</summary>
public sealed partial class EmlMessage
{
    private EmlMessage(string raw, Dictionary<string, string> headers, List<(string ContentType, string? FileName, byte[] Body)> parts)
    {
        Raw = raw;
        Headers = headers;
        Parts = parts;
    }

    public string Raw { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    public IReadOnlyList<(string ContentType, string? FileName, byte[] Body)> Parts { get; }

    public string TextPart(string mediaType) =>
        Encoding.UTF8.GetString(Parts.First(p => p.ContentType.StartsWith(mediaType, StringComparison.OrdinalIgnoreCase)).Body);

    public byte[] Attachment(string mediaType) =>
        Parts.First(p => p.ContentType.StartsWith(mediaType, StringComparison.OrdinalIgnoreCase) && p.FileName is not null).Body;

    public static EmlMessage Load(string path)
    {
        var raw = File.ReadAllText(path, Encoding.ASCII);
        var (headers, body) = Split(raw);
        var parts = new List<(string, string?, byte[])>();
        Collect(headers, body, parts);
        return new EmlMessage(raw, headers, parts);
    }

    private static void Collect(Dictionary<string, string> headers, string body, List<(string, string?, byte[])> parts)
    {
        var contentType = headers.GetValueOrDefault("content-type", "text/plain");
        var ct = new ContentType(contentType);
        if (ct.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = "--" + ct.Boundary;
            foreach (var chunk in body.Split(boundary).Skip(1))
            {
                if (chunk.StartsWith("--", StringComparison.Ordinal))
                {
                    break;
                }

                var (h, b) = Split(chunk.TrimStart('\r', '\n'));
                Collect(h, b, parts);
            }

            return;
        }

        var encoding = headers.GetValueOrDefault("content-transfer-encoding", "7bit").Trim().ToLowerInvariant();
        var bytes = encoding switch
        {
            "base64" => Convert.FromBase64String(Regex.Replace(body, @"\s", "")),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => Encoding.ASCII.GetBytes(body),
        };
        var disposition = headers.GetValueOrDefault("content-disposition");
        string? fileName = ct.Name;
        if (disposition is not null && fileName is null)
        {
            fileName = new ContentDisposition(disposition).FileName;
        }

        parts.Add((ct.MediaType, fileName, bytes));
    }

    private static (Dictionary<string, string> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var body = end < 0 ? "" : text[(end + 4)..];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
            {
                headers[last] += " " + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                last = line[..colon].Trim();
                headers[last] = line[(colon + 1)..].Trim();
            }
        }

        return (headers, body);
    }

    private static byte[] DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>();
        var text = body.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return bytes.ToArray();
    }
}
