using System.Text;
using Notices.Records;

namespace Notices.Acknowledgements;

/// <summary>
/// The free-text note of an acknowledgement ("ringede selv", "svar via datter"). Kept as the RA team wrote it, but as
/// one plain line: control characters become single spaces (as in every imported CSV field), invisible bidirectional
/// controls that could make a note display differently from what it holds are removed, and it is at most
/// <see cref="MaxLength"/> characters. Formula-looking text (<c>=HYPERLINK(…)</c>) is data, not a formula: it is stored
/// as JSON text in the ledger and escaped by whatever writes it into CSV.
/// </summary>
public static class AckNote
{
    /// <summary>The longest note kept. Input (a file, <c>--note</c>) with a longer note is refused with its line.</summary>
    public const int MaxLength = 500;

    /// <summary>The note as one clean line, or null when nothing is left. Longer than <see cref="MaxLength"/>: cut, ending in "…".</summary>
    public static string? Normalize(string? note)
    {
        var clean = Clean(note);
        if (clean is null)
        {
            return null;
        }

        return clean.Length <= MaxLength ? clean : string.Concat(clean.AsSpan(0, MaxLength - 1).TrimEnd(), "…");
    }

    /// <summary>Control characters to single spaces, bidirectional controls removed, trimmed, NFC; null when empty.</summary>
    public static string? Clean(string? note)
    {
        if (note is null)
        {
            return null;
        }

        var text = FieldText.Clean(note, out _);
        if (text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') >= 0 || text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') >= 0
            || text.Contains('\u200E', StringComparison.Ordinal) || text.Contains('\u200F', StringComparison.Ordinal))
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (!IsBidiControl(c))
                {
                    builder.Append(c);
                }
            }

            text = builder.ToString().Trim();
        }

        return text.Length == 0 ? null : text;
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';
}
