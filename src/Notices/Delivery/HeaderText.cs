using System.Text;

namespace Notices.Delivery;

/// <summary>
/// Cleans a value before it goes into a mail header. CR and LF would end the header and let data (a patient name,
/// a subject from a template) start a header of its own (<c>Bcc:</c>), so every control character becomes a space.
/// </summary>
public static class HeaderText
{
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length);
        var lastWasSpace = false;
        foreach (var c in value)
        {
            var isSpace = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (isSpace)
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                sb.Append(c);
                lastWasSpace = false;
            }
        }

        return sb.ToString().Trim();
    }

    /// <summary>Letter id reduced to characters safe in a file name, a Message-ID and a VERP local part.</summary>
    public static string Token(string letterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(letterId);
        var sb = new StringBuilder(letterId.Length);
        foreach (var c in letterId)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }
}
