using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Campaigns;

/// <summary>
/// Refuses Handlebars' unescaped output, <c>{{{x}}}</c> and <c>{{&amp; x}}</c>: it bypasses the escaping of patient data,
/// so a name like <c>[x](https://…)</c> would become a live link in the HTML email. Every field is escaped for the
/// place it lands; there is no safe use for raw output in a notice.
/// </summary>
internal static partial class UnescapedOutputCheck
{
    public const string Reason = "'{0}' prints a field without escaping (a patient's name could become a link or markup); write {{{{{1}}}}} instead.";

    /// <summary>Adds <c>file:line: reason</c> for each unescaped tag in a template file.</summary>
    public static void CheckFile(string path, string? template, List<string> problems)
    {
        if (template is null)
        {
            return;
        }

        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in RawTagRegex().Matches(lines[i]))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: ") + Describe(match));
            }
        }
    }

    /// <summary>The reason for the first unescaped tag in a one-line template (the email subject), or null.</summary>
    public static string? Check(string? template) =>
        template is not null && RawTagRegex().Match(template) is { Success: true } match ? Describe(match) : null;

    private static string Describe(Match match) =>
        string.Format(CultureInfo.InvariantCulture, Reason, match.Value, match.Groups["name"].Value.Trim());

    // {{{x}}}, {{~{x}~}}, {{&x}}, {{~& x}}: Handlebars' raw output forms.
    [GeneratedRegex(@"\{\{~?\s*(\{|&)(?<name>[^}]*)\}*~?\}\}\}?")]
    private static partial Regex RawTagRegex();
}
