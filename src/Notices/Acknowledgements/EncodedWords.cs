using System.Text;
using System.Text.RegularExpressions;
using Notices.Confirmations;

namespace Notices.Acknowledgements;

/// <summary>
/// Decodes RFC 2047 encoded words (<c>=?utf-8?Q?Frav=C3=A6rende?=</c>, <c>=?iso-8859-1?B?...?=</c>) in a header value,
/// so that a subject can be compared as text. White space between two adjacent encoded words is dropped, as the RFC
/// says. A word that does not decode is left as written.
/// </summary>
public static partial class EncodedWords
{
    public static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains("=?", StringComparison.Ordinal))
        {
            return value ?? "";
        }

        var joined = BetweenWords().Replace(value, "?==?");
        return Word().Replace(joined, m => DecodeWord(m) ?? m.Value);
    }

    private static string? DecodeWord(Match m)
    {
        var charset = m.Groups["charset"].Value;
        var star = charset.IndexOf('*', StringComparison.Ordinal); // RFC 2231 language suffix
        if (star >= 0)
        {
            charset = charset[..star];
        }

        var text = m.Groups["text"].Value;
        byte[] bytes;
        if (m.Groups["enc"].Value is "B" or "b")
        {
            bytes = TransferDecoding.Base64(Encoding.ASCII.GetBytes(text));
        }
        else
        {
            bytes = TransferDecoding.QuotedPrintable(Encoding.ASCII.GetBytes(text.Replace('_', ' ')));
        }

        return MimeText.Decode(bytes, charset);
    }

    [GeneratedRegex(@"=\?(?<charset>[^?\s]{1,40})\?(?<enc>[BbQq])\?(?<text>[^?\s]*)\?=", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\?=\s+=\?", RegexOptions.CultureInvariant)]
    private static partial Regex BetweenWords();
}
