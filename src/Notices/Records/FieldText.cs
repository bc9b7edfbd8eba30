using System.Text;

namespace Notices.Records;

/// <summary>Cleans one CSV field: control characters to single spaces, trimmed, normalised to NFC.</summary>
internal static class FieldText
{
    /// <summary>
    /// Replaces every run of control characters (C0, DEL, C1 such as NEL, and the Unicode line and paragraph
    /// separators), together with the spaces around it, by one space; trims (also the non-breaking spaces and byte
    /// order marks Excel leaves) and normalises to NFC. NUL is replaced too but reported, so the import can refuse it.
    /// </summary>
    public static string Clean(string value, out FieldRepairs repairs)
    {
        repairs = FieldRepairs.None;
        var text = value;
        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001F') >= 0 || text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') >= 0
            || text.AsSpan().IndexOfAny('\u2028', '\u2029') >= 0)
        {
            text = ReplaceControls(text, ref repairs);
        }

        var trimmed = text.Trim().Trim('\uFEFF').Trim();
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    private static string ReplaceControls(string text, ref FieldRepairs repairs)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                repairs |= c == '\0' ? FieldRepairs.Nul : FieldRepairs.ControlCharacters;
                while (builder.Length > 0 && builder[^1] == ' ')
                {
                    builder.Length--;
                }

                pendingSpace = true;
                continue;
            }

            if (pendingSpace && c == ' ')
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
