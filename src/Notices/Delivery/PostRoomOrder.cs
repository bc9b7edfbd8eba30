namespace Notices.Delivery;

/// <summary>
/// The order letters take inside a print batch, which is the order the post room packs and franks them in:
/// Denmark (DK) first, then other countries by ISO code (DE, NO, SE…); within a country by postal code (letters
/// without one last), then by letter id, so the same letters always come out in the same order.
/// </summary>
public static class PostRoomOrder
{
    public const string HomeCountry = "DK";

    public static List<OutgoingLetter> Sort(IEnumerable<OutgoingLetter> letters) => letters
        .OrderBy(l => IsHome(l.Country) ? 0 : 1)
        .ThenBy(l => l.Country.ToUpperInvariant(), StringComparer.Ordinal)
        .ThenBy(l => string.IsNullOrEmpty(l.PostalCode))
        .ThenBy(l => l.PostalCode, StringComparer.Ordinal)
        .ThenBy(l => l.LetterId, StringComparer.Ordinal)
        .ToList();

    private static bool IsHome(string? country) =>
        string.IsNullOrEmpty(country) || string.Equals(country.Trim(), HomeCountry, StringComparison.OrdinalIgnoreCase);
}
