using System.Globalization;

namespace Notices.Letters.Fonts;

/// <summary>
/// A character of the letter has no glyph in the embedded font. Thrown instead of printing a blank box,
/// so that a name or word is never silently lost. The message names the code point, never the character itself:
/// it usually comes from a patient's name or address, and the message reaches logs and the ledger.
/// </summary>
public sealed class MissingGlyphException : Exception
{
    public MissingGlyphException(int codePoint, FontFace face, string? letterId = null)
        : base(BuildMessage(codePoint, face, letterId))
    {
        CodePoint = codePoint;
        Face = face;
        LetterId = letterId;
    }

    public int CodePoint { get; }
    public FontFace Face { get; }
    public string? LetterId { get; }

    /// <summary>The code point as written in the message, e.g. "U+4E2D".</summary>
    public string CodePointText => FormatCodePoint(CodePoint);

    public static string FormatCodePoint(int codePoint) =>
        "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);

    private static string BuildMessage(int codePoint, FontFace face, string? letterId)
    {
        var where = letterId is null ? "" : $"Letter {letterId}: ";
        return $"{where}the character {FormatCodePoint(codePoint)} cannot be printed: the font "
            + $"{DejaVuFontResolver.FamilyName} ({face}) has no glyph for it. Replace or transliterate it in the data.";
    }
}
