using System.Text;
using System.Text.RegularExpressions;

namespace Notices.Tests.Support;

/// <summary>Decodes RFC 2047 encoded words (=?utf-8?B?…?= and =?utf-8?Q?…?=) in a header value.</summary>
public static partial class MimeWords
{
    public static string Decode(string header)
    {
        // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
        var joined = BetweenWords().Replace(header, "?==?");
        return Word().Replace(joined, m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            if (m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase))
            {
                return charset.GetString(Convert.FromBase64String(text));
            }

            var bytes = new List<byte>();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '=' && i + 2 < text.Length)
                {
                    bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
                }
            }

            return charset.GetString(bytes.ToArray());
        });
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex Word();
}
