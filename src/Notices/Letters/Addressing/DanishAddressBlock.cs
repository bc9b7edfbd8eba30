using System.Globalization;
using System.Text;
using Notices.Campaigns;

namespace Notices.Letters.Addressing;

/// <summary>
/// Formats the recipient block for the envelope window the Danish way (PostNord):
/// <list type="number">
/// <item>full name (first and last name);</item>
/// <item><c>address_line2</c> (e.g. "c/o Hansen") when present;</item>
/// <item><c>address_line1</c>: street, number, floor (e.g. "Kastanievej 15, 2. tv");</item>
/// <item><c>{postal_code} {city}</c> (e.g. "8000 Aarhus C");</item>
/// <item>the country's Danish name in upper case (e.g. "SVERIGE") when the country is not DK; an ISO code
/// missing from <see cref="CountryNames"/> is printed upper-case as it is, with a warning.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>Limits: at most <see cref="MaxLines"/> lines of at most <see cref="MaxLineLength"/> characters.
/// Runs of whitespace are collapsed to one space and values are trimmed (not reported: no text is lost).</para>
/// <para>Fitting rule, applied in this order:</para>
/// <list type="number">
/// <item>A line longer than 54 characters is wrapped at its last space within the first 55 characters into two
/// lines, provided the block then still has at most 6 lines. Only the street line, the c/o line and the name line
/// may wrap, and in that priority (street first, because it decides delivery; the postal-code/city and country
/// lines must stay single lines). If the second half is itself too long, it is truncated as in rule 2.</item>
/// <item>A line that is too long and cannot wrap (no space, no room, or a line that must stay single) is truncated
/// to 53 characters plus '…'.</item>
/// </list>
/// <para>No line is ever dropped: there are at most five source lines, so only wrapping can reach the limit, and the
/// c/o line may be what gets the letter delivered. Every wrap and truncation adds a warning (which names the line,
/// never its content, because addresses are patient data) so that <c>plan</c> can flag the letter. A block without
/// street or postal code/city also gets a warning.</para>
/// </remarks>
public static class DanishAddressBlock
{
    public const int MaxLines = 6;
    public const int MaxLineLength = 54;
    private const char Ellipsis = '…';

    public static AddressBlockResult Format(RecipientSnapshot recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var warnings = new List<string>();
        var parts = new List<BlockPart>();

        parts.Add(new BlockPart("navnelinjen", Normalise(recipient.FullName), WrapPriority: 3));
        var careOf = Normalise(recipient.AddressLine2);
        if (careOf.Length > 0)
        {
            parts.Add(new BlockPart("c/o-linjen (address_line2)", careOf, WrapPriority: 2));
        }
        var street = Normalise(recipient.AddressLine1);
        if (street.Length > 0)
        {
            parts.Add(new BlockPart("adresselinjen (address_line1)", street, WrapPriority: 1));
        }
        else
        {
            warnings.Add("Adresseblok: adressen mangler vej og husnummer (address_line1).");
        }
        var postalCity = Normalise($"{recipient.PostalCode} {recipient.City}");
        if (postalCity.Length > 0)
        {
            parts.Add(new BlockPart("postnummer/by-linjen", postalCity, WrapPriority: null));
        }
        if (Normalise(recipient.PostalCode).Length == 0 || Normalise(recipient.City).Length == 0)
        {
            warnings.Add("Adresseblok: adressen mangler postnummer eller by.");
        }
        if (!CountryNames.IsDenmark(recipient.Country))
        {
            var code = Normalise(recipient.Country).ToUpperInvariant();
            var country = CountryNames.TryGetDanishName(code);
            if (country is null)
            {
                warnings.Add($"Adresseblok: ukendt landekode '{code}': koden er skrevet som landelinje.");
                country = code;
            }
            parts.Add(new BlockPart("landelinjen", country, WrapPriority: null));
        }

        var lineCount = parts.Count;
        foreach (var part in parts.Where(p => p.WrapPriority is not null && p.Text.Length > MaxLineLength)
                                  .OrderBy(p => p.WrapPriority))
        {
            if (lineCount < MaxLines && TrySplitAtSpace(part.Text, out var first, out var rest))
            {
                lineCount++;
                warnings.Add($"Adresseblok: {part.Label} er {Count(part.Text)} tegn (maks. {MaxLineLength}) og er delt på to linjer.");
                if (rest.Length > MaxLineLength)
                {
                    warnings.Add($"Adresseblok: anden del af {part.Label} er {Count(rest)} tegn og er afkortet med '{Ellipsis}'.");
                    rest = Truncate(rest);
                }
                part.Lines = [first, rest];
            }
        }
        foreach (var part in parts.Where(p => p.Lines is null && p.Text.Length > MaxLineLength))
        {
            var reason = part.WrapPriority is null ? "skal stå på én linje" : "kunne ikke deles inden for 6 linjer";
            warnings.Add($"Adresseblok: {part.Label} er {Count(part.Text)} tegn (maks. {MaxLineLength}), {reason} og er afkortet med '{Ellipsis}'.");
            part.Lines = [Truncate(part.Text)];
        }

        var lines = parts.SelectMany(p => p.Lines ?? [p.Text]).ToList();
        return new AddressBlockResult(lines, warnings);
    }

    private static bool TrySplitAtSpace(string text, out string first, out string rest)
    {
        var space = text.LastIndexOf(' ', Math.Min(MaxLineLength, text.Length - 1));
        if (space <= 0)
        {
            first = rest = string.Empty;
            return false;
        }
        first = text[..space].TrimEnd();
        rest = text[(space + 1)..].Trim();
        return first.Length > 0 && rest.Length > 0;
    }

    private static string Truncate(string text) => text[..(MaxLineLength - 1)].TrimEnd() + Ellipsis;

    private static string Count(string text) => text.Length.ToString(CultureInfo.InvariantCulture);

    private static string Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private sealed class BlockPart(string label, string text, int? WrapPriority)
    {
        public string Label { get; } = label;
        public string Text { get; } = text;
        /// <summary>1 wraps first; null never wraps.</summary>
        public int? WrapPriority { get; } = WrapPriority;
        public string[]? Lines { get; set; }
    }
}
