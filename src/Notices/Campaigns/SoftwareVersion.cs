using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Campaigns;

/// <summary>
/// A pump software version: <c>major.minor</c> plus an optional letter suffix. Numbers compare numerically and the
/// suffix alphabetically, so 2.6A &lt; 2.10A &lt; 2.10B, and 2.6 (no suffix) &lt; 2.6A.
/// </summary>
public sealed partial record SoftwareVersion(int Major, int Minor, string Suffix) : IComparable<SoftwareVersion>
{
    [GeneratedRegex(@"^\s*[vV]?\s*(\d{1,6})(?:\.(\d{1,6}))?\s*([A-Za-z]{0,3})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out SoftwareVersion? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        version = new SoftwareVersion(major, minor, m.Groups[3].Value.ToUpperInvariant());
        return true;
    }

    public int CompareTo(SoftwareVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : string.CompareOrdinal(Suffix, other.Suffix);
    }

    public static bool operator <(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SoftwareVersion a, SoftwareVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}{Suffix}");
}
