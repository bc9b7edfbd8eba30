using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Acknowledgements;

/// <summary>Reads an RFC 5322 Date header ("Sun, 22 Nov 2026 09:15:02 +0100", with the obsolete zone names too).</summary>
public static partial class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The instant, or null when the value is missing or not a date this reader understands.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200)
        {
            return null;
        }

        var m = Pattern().Match(value);
        if (!m.Success)
        {
            return null;
        }

        var month = Array.IndexOf(Months, m.Groups["mon"].Value.ToLowerInvariant()) + 1;
        var day = Int(m, "day");
        var year = Int(m, "year");
        if (year < 100)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var offset = Offset(m.Groups["zone"].Value);
        if (month < 1 || offset is null)
        {
            return null;
        }

        try
        {
            return new DateTimeOffset(year, month, day, Int(m, "h"), Int(m, "min"), m.Groups["s"].Success ? Int(m, "s") : 0, offset.Value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static TimeSpan? Offset(string zone)
    {
        if (zone.Length == 5 && zone[0] is '+' or '-')
        {
            var minutes = (int.Parse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture) * 60)
                + int.Parse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            return minutes > 14 * 60 ? null : TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
        }

        return zone.ToUpperInvariant() switch
        {
            "" or "UT" or "UTC" or "GMT" or "Z" => TimeSpan.Zero,
            "EST" => TimeSpan.FromHours(-5),
            "EDT" => TimeSpan.FromHours(-4),
            "CST" => TimeSpan.FromHours(-6),
            "CDT" => TimeSpan.FromHours(-5),
            "MST" => TimeSpan.FromHours(-7),
            "MDT" => TimeSpan.FromHours(-6),
            "PST" => TimeSpan.FromHours(-8),
            "PDT" => TimeSpan.FromHours(-7),
            _ => TimeSpan.Zero, // RFC 5322 4.3: other military zones are to be read as +0000
        };
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z]{3},?\s*)?(?<day>[0-9]{1,2})\s+(?<mon>[A-Za-z]{3})\s+(?<year>[0-9]{2,4})\s+(?<h>[0-9]{1,2}):(?<min>[0-9]{2})(?::(?<s>[0-9]{2}))?\s*(?<zone>[+-][0-9]{4}|[A-Za-z]{1,5})?", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
