namespace Notices.Campaigns;

/// <summary>
/// A <c>from</c>/<c>to</c> pair of serial numbers with the same non-numeric prefix (NG1000000–NG1199999). A serial is
/// inside when it has the same prefix (ignoring case) and its numeric tail lies between the two, compared as numbers,
/// so NG999 is below NG1000 whatever the digit count.
/// </summary>
public sealed record SerialRange
{
    // Split once: a notice may list thousands of ranges, each tested against every device of the model.
    private readonly string _prefix;
    private readonly string _fromDigits;
    private readonly string _toDigits;

    public SerialRange(string from, string to)
    {
        From = from;
        To = to;
        SerialNumber.TrySplit(from, out _prefix, out var fromDigits);
        SerialNumber.TrySplit(to, out _, out var toDigits);
        _fromDigits = fromDigits.TrimStart('0');
        _toDigits = toDigits.TrimStart('0');
    }

    public string From { get; }
    public string To { get; }

    public override string ToString() => $"{From}–{To}";

    /// <summary>Where <paramref name="serial"/> lies relative to the range.</summary>
    public SerialPosition Locate(string serial) => Locate(SplitSerial.Of(serial));

    /// <summary>Where an already split serial lies relative to the range.</summary>
    public SerialPosition Locate(SplitSerial serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        if (!serial.EndsInDigits)
        {
            return SerialPosition.NotNumeric;
        }

        if (!string.Equals(serial.Prefix, _prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SerialPosition.OtherPrefix;
        }

        if (CompareTrimmed(serial.Digits, _fromDigits) < 0)
        {
            return SerialPosition.Below;
        }

        return CompareTrimmed(serial.Digits, _toDigits) > 0 ? SerialPosition.Above : SerialPosition.Inside;
    }

    private static int CompareTrimmed(string x, string y) =>
        x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
}
