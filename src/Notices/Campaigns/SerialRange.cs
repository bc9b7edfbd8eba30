namespace Notices.Campaigns;

/// <summary>
/// A <c>from</c>/<c>to</c> pair of serial numbers with the same non-numeric prefix (NG1000000–NG1199999). A serial is
/// inside when it has the same prefix (ignoring case) and its numeric tail lies between the two, compared as numbers,
/// so NG999 is below NG1000 whatever the digit count.
/// </summary>
public sealed record SerialRange(string From, string To)
{
    public override string ToString() => $"{From}–{To}";

    /// <summary>Where <paramref name="serial"/> lies relative to the range.</summary>
    public SerialPosition Locate(string serial)
    {
        if (!SerialNumber.TrySplit(serial, out var prefix, out var digits))
        {
            return SerialPosition.NotNumeric;
        }

        SerialNumber.TrySplit(From, out var fromPrefix, out var fromDigits);
        SerialNumber.TrySplit(To, out _, out var toDigits);
        if (!string.Equals(prefix, fromPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return SerialPosition.OtherPrefix;
        }

        if (SerialNumber.CompareDigits(digits, fromDigits) < 0)
        {
            return SerialPosition.Below;
        }

        return SerialNumber.CompareDigits(digits, toDigits) > 0 ? SerialPosition.Above : SerialPosition.Inside;
    }
}
