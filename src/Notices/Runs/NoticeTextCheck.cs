using Notices.Campaigns;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>
/// The notice's own text (letter.md, and title, subject, sender and models from notice.yaml) must be printable in
/// the letter font: one character there that the font lacks would fail every letter of the campaign. Lays out the
/// synthetic letters that template validation merges and turns a missing glyph into a package problem with
/// file:line, before anything is sent.
/// </summary>
public static class NoticeTextCheck
{
    /// <exception cref="NoticePackageException">The notice text holds a character the font cannot print.</exception>
    public static void Ensure(NoticePackage notice, LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(composer);
        var layout = new LetterLayoutEngine();
        var date = notice.Date ?? new DateOnly(2026, 11, 21);
        foreach (var letter in SyntheticLetters.For(notice))
        {
            try
            {
                layout.Layout(composer.Compose(letter, date).Document);
            }
            catch (MissingGlyphException ex)
            {
                throw new NoticePackageException([
                    $"{Locate(notice, ex.CodePoint)}: the character {ex.CodePointText} cannot be printed: the letter font "
                    + $"{DejaVuFontResolver.FamilyName} ({ex.Face}) has no glyph for it. Replace it.",
                ]);
            }
        }
    }

    /// <summary>"file:line" of the first line holding the character, in letter.md or notice.yaml.</summary>
    private static string Locate(NoticePackage notice, int codePoint)
    {
        var character = char.ConvertFromUtf32(codePoint);
        var yamlPath = Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName);
        var sources = new List<(string Path, string Text)> { (notice.LetterTemplatePath, notice.LetterTemplate) };
        if (File.Exists(yamlPath))
        {
            sources.Add((yamlPath, File.ReadAllText(yamlPath)));
        }

        foreach (var (path, text) in sources)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(character, StringComparison.Ordinal))
                {
                    return path + ":" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return notice.Directory;
    }
}
