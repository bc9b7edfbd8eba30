using System.Globalization;

namespace Notices.Campaigns;

/// <summary>Letter ids look like FA830-DK-000042: reference, recipient country, six-digit sequence within the campaign.</summary>
public static class LetterIds
{
    public static string Make(string reference, string country, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{reference}-{country.ToUpperInvariant()}-{sequence:D6}");

    public static int SequenceOf(string letterId)
    {
        var dash = letterId.LastIndexOf('-');
        return dash >= 0 && int.TryParse(letterId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
