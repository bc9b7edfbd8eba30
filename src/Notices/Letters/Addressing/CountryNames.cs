namespace Notices.Letters.Addressing;

/// <summary>Danish country names, upper-case as written on the last line of an address abroad.</summary>
public static class CountryNames
{
    private static readonly Dictionary<string, string> s_danishNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AT"] = "ØSTRIG",
        ["BE"] = "BELGIEN",
        ["CH"] = "SCHWEIZ",
        ["CZ"] = "TJEKKIET",
        ["DE"] = "TYSKLAND",
        ["EE"] = "ESTLAND",
        ["ES"] = "SPANIEN",
        ["FI"] = "FINLAND",
        ["FO"] = "FÆRØERNE",
        ["FR"] = "FRANKRIG",
        ["GB"] = "STORBRITANNIEN",
        ["UK"] = "STORBRITANNIEN",
        ["GL"] = "GRØNLAND",
        ["GR"] = "GRÆKENLAND",
        ["IE"] = "IRLAND",
        ["IS"] = "ISLAND",
        ["IT"] = "ITALIEN",
        ["LT"] = "LITAUEN",
        ["LU"] = "LUXEMBOURG",
        ["LV"] = "LETLAND",
        ["NL"] = "NEDERLANDENE",
        ["NO"] = "NORGE",
        ["PL"] = "POLEN",
        ["PT"] = "PORTUGAL",
        ["SE"] = "SVERIGE",
        ["US"] = "USA",
    };

    /// <summary>True for DK (and an empty value, which the data contract defaults to DK).</summary>
    public static bool IsDenmark(string? isoCode) =>
        string.IsNullOrWhiteSpace(isoCode) || string.Equals(isoCode.Trim(), "DK", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Danish upper-case name, or null when the code is not in the table.</summary>
    public static string? TryGetDanishName(string isoCode) =>
        s_danishNames.TryGetValue(isoCode.Trim(), out var name) ? name : null;
}
