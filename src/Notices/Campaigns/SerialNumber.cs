namespace Notices.Campaigns;

/// <summary>Serial-number text rules shared by ranges, serial lists and exclusions: trimmed, case ignored.</summary>
public static class SerialNumber
{
    /// <summary>The key two serials are compared by: trimmed and upper-cased (invariant).</summary>
    public static string Key(string? serial) => (serial ?? "").Trim().ToUpperInvariant();

    /// <summary>Splits a serial into its prefix and its trailing digits; false when it does not end in a digit.</summary>
    public static bool TrySplit(string serial, out string prefix, out string digits)
    {
        var text = serial.Trim();
        var start = text.Length;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        prefix = text[..start];
        digits = text[start..];
        return digits.Length > 0;
    }

    /// <summary>Compares two runs of ASCII digits as numbers of any length (leading zeros ignored), without overflow.</summary>
    public static int CompareDigits(string a, string b)
    {
        var x = a.TrimStart('0');
        var y = b.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }
}
