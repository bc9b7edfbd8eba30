namespace Notices.Campaigns;

/// <summary>A serial number split once into its prefix and its trailing digits (leading zeros dropped).</summary>
public sealed record SplitSerial(string Prefix, string Digits, bool EndsInDigits)
{
    public static SplitSerial Of(string serial)
    {
        var endsInDigits = SerialNumber.TrySplit(serial, out var prefix, out var digits);
        return new SplitSerial(prefix, digits.TrimStart('0'), endsInDigits);
    }
}
