using System.Globalization;
using System.Text;
using Notices.Campaigns;
using Notices.Letters.Fonts;
using Notices.Letters.Layout;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>
/// The notice's own text must be printable in the letter font: one character there that the font lacks would fail
/// every letter of the campaign. Checked once, at plan: every line of letter.md and reminder.md, and the texts of
/// notice.yaml printed on the letter (title, subject, sender, signatory, return address, reply address, models), each character the
/// font lacks reported as <c>file:line</c>. Then the synthetic letters and reminders that template validation merges
/// are laid out, which catches what a field or helper prints.
/// </summary>
public static class NoticeTextCheck
{
    /// <exception cref="NoticePackageException">The notice text holds characters the font cannot print.</exception>
    public static void Ensure(NoticePackage notice, LetterComposer composer)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(composer);
        var problems = new List<string>();
        ScanTemplate(notice.LetterTemplatePath, notice.LetterTemplate, problems);
        if (notice.ReminderTemplate is { } reminder)
        {
            ScanTemplate(notice.ReminderTemplatePath, reminder, problems);
        }

        var yaml = YamlSource(notice);
        foreach (var codePoint in PrintedYamlTexts(notice).SelectMany(Unprintable).Distinct())
        {
            problems.Add(Problem(Locate(yaml, codePoint) ?? yaml.Path + ":1", codePoint));
        }

        if (problems.Count == 0)
        {
            LayOutSyntheticLetters(notice, composer, problems);
        }

        if (problems.Count > 0)
        {
            throw new NoticePackageException(problems);
        }
    }

    private static void LayOutSyntheticLetters(NoticePackage notice, LetterComposer composer, List<string> problems)
    {
        var layout = new LetterLayoutEngine();
        var date = notice.Date ?? new DateOnly(2026, 11, 21);
        foreach (var letter in SyntheticLetters.For(notice))
        {
            foreach (var reminder in new ReminderText?[] { null, new ReminderText(1, date) })
            {
                try
                {
                    layout.Layout(composer.Compose(letter, date, reminder).Document);
                }
                catch (MissingGlyphException ex)
                {
                    var sources = new[] { (notice.LetterTemplatePath, notice.LetterTemplate), (notice.ReminderTemplatePath, notice.ReminderTemplate ?? ""), YamlSource(notice) };
                    var at = sources.Select(s => Locate(s, ex.CodePoint)).FirstOrDefault(l => l is not null) ?? notice.Directory;
                    problems.Add(Problem(at, ex.CodePoint, ex.Face));
                    return;
                }
            }
        }
    }

    private static string Problem(string location, int codePoint, FontFace face = FontFace.Regular) =>
        $"{location}: the character {MissingGlyphException.FormatCodePoint(codePoint)} cannot be printed: the letter font "
        + $"{DejaVuFontResolver.FamilyName} ({face}) has no glyph for it. Replace it.";

    private static void ScanTemplate(string path, string text, List<string> problems)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var codePoint in Unprintable(lines[i]).Distinct())
            {
                problems.Add(Problem(path + ":" + (i + 1).ToString(CultureInfo.InvariantCulture), codePoint));
            }
        }
    }

    /// <summary>The characters the regular face has no glyph for (whitespace and controls are never drawn as glyphs).</summary>
    private static IEnumerable<int> Unprintable(string? text) =>
        (text ?? "").EnumerateRunes()
            .Where(r => !Rune.IsWhiteSpace(r) && !Rune.IsControl(r) && !FontMetricsCache.HasGlyph(r.Value, FontFace.Regular))
            .Select(r => r.Value);

    private static IEnumerable<string?> PrintedYamlTexts(NoticePackage notice)
    {
        var sender = notice.Sender;
        IEnumerable<string?> texts =
        [
            notice.Title, notice.Subject, notice.Reference, sender.Organisation, sender.Department, sender.Phone, sender.Email,
            sender.Website, sender.SignatoryName, sender.SignatoryTitle,
        ];
        return texts.Concat(sender.AddressLines).Concat(notice.ReturnAddress.Lines(sender)).Concat(notice.ReplyAddress)
            .Concat(notice.Affected.SelectMany(a => a.Models.Prepend(a.Manufacturer)));
    }

    private static (string Path, string Text) YamlSource(NoticePackage notice)
    {
        var path = Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName);
        return (path, File.Exists(path) ? File.ReadAllText(path) : "");
    }

    /// <summary>"file:line" of the first line holding the character (comment lines of notice.yaml skipped), or null.</summary>
    private static string? Locate((string Path, string Text) source, int codePoint)
    {
        var character = char.ConvertFromUtf32(codePoint);
        var lines = source.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(character, StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#'))
            {
                return source.Path + ":" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
