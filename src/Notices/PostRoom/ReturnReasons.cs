using System.Globalization;
using Notices.Acknowledgements;

namespace Notices.PostRoom;

/// <summary>
/// The post room's reason for a returned letter ("ubekendt på adressen", "flyttet"): one line of at most
/// <see cref="MaxLength"/> characters. Control characters (TAB, line breaks) and invisible bidirectional controls are
/// refused, not repaired: the reason goes into the ledger and the report as typed. Formula-looking text is data; the
/// report's CSV writer escapes it.
/// </summary>
public static class ReturnReasons
{
    public const int MaxLength = 200;

    private const int ShownLength = 40;

    /// <summary>The reason trimmed, or a problem sentence (null reason) when it is empty, too long or holds control characters.</summary>
    public static (string? Reason, string? Problem) Check(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return (null, "the reason is empty: say why the letter came back, e.g. 'ubekendt på adressen'");
        }

        if (HasControl(trimmed))
        {
            return (null, "the reason holds control characters (TAB, line break or an invisible direction mark): give one line of plain text");
        }

        if (trimmed.Length > MaxLength)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the reason is {trimmed.Length} characters long; at most {MaxLength}: shorten it"));
        }

        return (trimmed.Normalize(System.Text.NormalizationForm.FormC), null);
    }

    public static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\0' and <= '\u001F') or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\u200E' or '\u200F'
                or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Text as typed, safe to echo in a message: one line, at most 40 characters.</summary>
    public static string Shown(string? text)
    {
        var clean = AckNote.Clean(text) ?? "";
        return clean.Length <= ShownLength ? clean : string.Concat(clean.AsSpan(0, ShownLength), "…");
    }
}
