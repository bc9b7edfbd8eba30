using System.Collections.Concurrent;
using System.Text;
using Notices.Campaigns;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>
/// Checks, at <c>plan</c>, the patient and device text each letter will print, so that what <c>send</c> would stop
/// on is listed first. Two problems, named by field and code point, never by the text itself:
/// <list type="bullet">
/// <item>control characters (TAB, CR, LF, NUL, U+2028…) that the letter prints as spaces;</item>
/// <item>characters the letter font has no glyph for. A field with a character missing from any face is only a
/// suspect: the letter is then composed and laid out exactly as <c>send</c> does, and reported only when that
/// throws <see cref="MissingGlyphException"/>. So plan and renderer agree, and the layout runs only for suspects.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class LetterTextReview(LetterComposer composer, DateOnly letterDate)
{
    private static readonly FontFace[] s_faces = Enum.GetValues<FontFace>();
    private static readonly ConcurrentDictionary<int, FontFace[]> s_missingFaces = new();
    /// <summary>Latin characters every face can draw, from the font's cmap: the common case, checked by one array look-up.</summary>
    private static readonly bool[] s_plain = Enumerable.Range(0, 0x250)
        .Select(c => !LetterText.IsSpaceLike((char)c) && !char.IsSurrogate((char)c) && s_faces.All(face => FontMetricsCache.HasGlyph(c, face)))
        .ToArray();
    private readonly LetterLayoutEngine _layout = new();

    public IEnumerable<PlanProblem> Check(PlannedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return LetterText.Fields(letter).All(f => IsPlain(f.Value)) ? [] : CheckFields(letter);
    }

    private static bool IsPlain(string? value)
    {
        foreach (var c in value ?? "")
        {
            if (c >= s_plain.Length || !s_plain[c])
            {
                return false;
            }
        }

        return true;
    }

    private IEnumerable<PlanProblem> CheckFields(PlannedLetter letter)
    {
        var fields = LetterText.Fields(letter).Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var patientId = letter.Recipient.PatientId;

        var controls = fields.Where(f => LetterText.NeedsCleaning(f.Value)).ToList();
        if (controls.Count > 0)
        {
            var codes = controls.SelectMany(f => f.Value!.Where(LetterText.IsSpaceLike)).Select(c => (int)c).Distinct().Order();
            yield return new PlanProblem(patientId, letter.LetterId, PlanProblemKind.ControlCharacters,
                $"{string.Join(", ", controls.Select(f => f.Field))}: control characters ({string.Join(", ", codes.Select(MissingGlyphException.FormatCodePoint))}) are printed as spaces.");
        }

        var suspects = fields
            .Select(f => (f.Field, Missing: MissingIn(LetterText.Clean(f.Value)!)))
            .Where(s => s.Missing.Count > 0)
            .ToList();
        if (suspects.Count == 0)
        {
            yield break;
        }

        var failure = TryLayout(letter);
        if (failure is null)
        {
            // Those characters are only missing from faces the letter does not print these fields in.
            yield break;
        }

        yield return new PlanProblem(patientId, letter.LetterId, PlanProblemKind.MissingGlyph, Describe(suspects, failure));
    }

    private MissingGlyphException? TryLayout(PlannedLetter letter)
    {
        try
        {
            _layout.Layout(composer.Compose(letter, letterDate).Document);
            return null;
        }
        catch (MissingGlyphException ex)
        {
            return ex;
        }
    }

    /// <summary>The code points of <paramref name="text"/> that some face cannot draw, in order of first appearance.</summary>
    private static List<(int CodePoint, FontFace[] Faces)> MissingIn(string text)
    {
        var missing = new List<(int, FontFace[])>();
        foreach (var rune in text.EnumerateRunes())
        {
            var faces = s_missingFaces.GetOrAdd(rune.Value,
                static cp => s_faces.Where(face => !FontMetricsCache.HasGlyph(cp, face)).ToArray());
            if (faces.Length > 0 && !missing.Exists(m => m.Item1 == rune.Value))
            {
                missing.Add((rune.Value, faces));
            }
        }

        return missing;
    }

    private static string Describe(List<(string Field, List<(int CodePoint, FontFace[] Faces)> Missing)> suspects, MissingGlyphException failure)
    {
        var text = new StringBuilder();
        text.AppendJoin("; ", suspects.Select(s => s.Field + " " + string.Join(", ", s.Missing.Select(Code))));
        if (!suspects.Exists(s => s.Missing.Exists(m => m.CodePoint == failure.CodePoint)))
        {
            // Not from the patient's data: the notice's own text holds it, and every letter will fail on it.
            text.Append("; notice text ").Append(MissingGlyphException.FormatCodePoint(failure.CodePoint));
        }

        return text.Append(": no glyph in ").Append(DejaVuFontResolver.FamilyName)
            .Append(", so the letter fails at send. Transliterate in the source data and import again.").ToString();
    }

    private static string Code((int CodePoint, FontFace[] Faces) missing)
    {
        var code = MissingGlyphException.FormatCodePoint(missing.CodePoint);
        return missing.Faces.Length == s_faces.Length
            ? code
            : code + " (in " + string.Join("/", missing.Faces.Select(f => f.ToString().ToLowerInvariant())) + ")";
    }
}
