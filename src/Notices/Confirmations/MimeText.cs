using System.Text;

namespace Notices.Confirmations;

/// <summary>
/// The reader keeps raw message bytes in strings through Latin-1, which maps every byte to one char and back.
/// These helpers turn such raw text into real text.
/// </summary>
internal static class MimeText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] ToBytes(string raw) => Encoding.Latin1.GetBytes(raw);

    public static string FromBytes(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>8-bit header text is almost always UTF-8 today; anything else stays as Latin-1.</summary>
    public static string FromRawHeader(string raw)
    {
        if (Ascii.IsValid(raw))
        {
            return raw;
        }

        try
        {
            return StrictUtf8.GetString(ToBytes(raw));
        }
        catch (DecoderFallbackException)
        {
            return raw;
        }
    }

    /// <summary>Decodes a part's bytes with its charset; unknown or absent charsets read as UTF-8, then Latin-1.</summary>
    public static string Decode(byte[] bytes, string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset)
            && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim()).GetString(bytes);
            }
            catch (ArgumentException)
            {
                // An unknown charset name: fall through to the UTF-8 guess.
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Splits text into lines on LF, dropping a CR before it.</summary>
    public static string[] Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }
}
