using System.Globalization;
using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// Writes header fields: RFC 2047 encoded words (UTF-8, Q) for text that is not plain ASCII, folding between tokens
/// so that a line stays within <see cref="FoldAt"/> characters where the tokens allow it and never exceeds 998.
/// </summary>
public static class HeaderFolding
{
    public const int FoldAt = 78;

    // "Subject: " plus one encoded word stays within 78 characters.
    private const int MaxEncodedWord = 68;
    private const string WordStart = "=?utf-8?Q?";
    private const string WordEnd = "?=";

    /// <summary>"Name: token token …", folded before a token that would pass <see cref="FoldAt"/>.</summary>
    public static MimeHeader Fold(string name, IEnumerable<string> tokens)
    {
        var sb = new StringBuilder(name).Append(':');
        var lineLength = sb.Length;
        var first = true;
        foreach (var token in tokens)
        {
            if (!first && lineLength + 1 + token.Length > FoldAt)
            {
                sb.Append("\r\n");
                lineLength = 0;
            }

            sb.Append(' ').Append(token);
            lineLength += 1 + token.Length;
            first = false;
        }

        return new MimeHeader(name, sb.ToString());
    }

    /// <summary>Unstructured text (Subject): as is when it is short printable ASCII, else encoded words.</summary>
    public static IEnumerable<string> TextTokens(string value)
    {
        var clean = HeaderText.Clean(value);
        var words = clean.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(IsPlainWord) ? words : EncodedWords(clean);
    }

    /// <summary>A display name plus &lt;address&gt;: a quoted string when short ASCII, else encoded words.</summary>
    public static IEnumerable<string> MailboxTokens(MailboxAddress mailbox)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var tokens = new List<string>();
        if (mailbox.DisplayName is { } name)
        {
            if (name.Length <= 60 && name.All(c => c is >= ' ' and <= '~') && !name.Contains("=?", StringComparison.Ordinal))
            {
                tokens.Add("\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            }
            else
            {
                tokens.AddRange(EncodedWords(name));
            }
        }

        // A bare addr-spec without a display name, as most mailers write it.
        tokens.Add(tokens.Count == 0 ? mailbox.Address : "<" + mailbox.Address + ">");
        return tokens;
    }

    /// <summary>
    /// UTF-8 Q encoded words of at most <see cref="MaxEncodedWord"/> characters (RFC 2047 allows 75). A character's
    /// bytes never straddle two words. Only letters, digits and !*+-/ stay literal: that set is legal in a phrase too.
    /// </summary>
    public static List<string> EncodedWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var encoded = new StringBuilder();
            if (rune.Value == ' ')
            {
                encoded.Append('_');
            }
            else if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "!*+-/".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                encoded.Append((char)rune.Value);
            }
            else
            {
                var n = rune.EncodeToUtf8(bytes);
                for (var i = 0; i < n; i++)
                {
                    encoded.Append('=').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            if (current.Length > 0 && WordStart.Length + current.Length + encoded.Length + WordEnd.Length > MaxEncodedWord)
            {
                words.Add(WordStart + current + WordEnd);
                current.Clear();
            }

            current.Append(encoded);
        }

        if (current.Length > 0)
        {
            words.Add(WordStart + current + WordEnd);
        }

        return words;
    }

    /// <summary>RFC 5322 date-time, e.g. "Sat, 05 Dec 2026 18:20:00 +0100", culture-independent.</summary>
    public static string Date(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + abs.Hours.ToString("D2", CultureInfo.InvariantCulture) + abs.Minutes.ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A file name parameter pair for Content-Type (name=) and Content-Disposition (filename=): a quoted string when
    /// the name is short printable ASCII; else RFC 2231 (UTF-8, percent-encoded, in continuations that fold).
    /// </summary>
    public static List<string> FileNameParameter(string parameter, string fileName)
    {
        if (fileName.Length <= 60 && fileName.All(c => c is > ' ' and <= '~' or ' ' && c is not ('"' or '\\')))
        {
            return [$"{parameter}=\"{fileName}\""];
        }

        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            // RFC 2231 attribute-char: no space, *, ', %, or tspecials.
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        var text = "utf-8''" + encoded;
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(50, text.Length - start);
            // Never split a %XX escape.
            if (start + length < text.Length)
            {
                if (text[start + length - 1] == '%')
                {
                    length -= 1;
                }
                else if (text[start + length - 2] == '%')
                {
                    length -= 2;
                }
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }

        return chunks.Select((chunk, i) => $"{parameter}*{i.ToString(CultureInfo.InvariantCulture)}*={chunk}").ToList();
    }

    private static bool IsPlainWord(string word) =>
        word.Length <= 76 && !word.Contains("=?", StringComparison.Ordinal) && word.All(c => c is > ' ' and <= '~');
}
