using System.Globalization;

namespace Notices.Delivery.Mime;

/// <summary>
/// A display name and an ASCII addr-spec (dot-atom local part, a domain of letters, digits and '-'; an international
/// domain is stored in its punycode form). <see cref="Parse"/> refuses anything else, so an address can never carry
/// white space, angle brackets or line breaks into a header or the SMTP envelope.
/// </summary>
public sealed record MailboxAddress
{
    private MailboxAddress(string? displayName, string address)
    {
        DisplayName = displayName;
        Address = address;
    }

    /// <summary>Cleaned of control characters (<see cref="HeaderText.Clean"/>); null when there is none.</summary>
    public string? DisplayName { get; }

    public string Address { get; }

    /// <exception cref="FormatException">Not an address we can put into a header.</exception>
    public static MailboxAddress Parse(string address, string? displayName = null) =>
        TryNormalise(address) is { } normal
            ? new MailboxAddress(HeaderText.Clean(displayName) is { Length: > 0 } name ? name : null, normal)
            : throw new FormatException("invalid email address");

    public static bool IsValid(string? address) => TryNormalise(address) is not null;

    private static string? TryNormalise(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > 254)
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length > 64 || !IsDotAtom(local))
        {
            return null;
        }

        try
        {
            domain = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return IsDomain(domain) ? local + "@" + domain : null;
    }

    private static bool IsDotAtom(string local)
    {
        var previousDot = true;
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }

            previousDot = false;
        }

        return !previousDot;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && domain.Length <= 253 && labels.All(l =>
            l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
