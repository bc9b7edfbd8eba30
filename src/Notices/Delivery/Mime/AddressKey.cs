using System.Globalization;
using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// One spelling of an email address for comparing: the domain in punycode (<c>æble.dk</c> and <c>xn--ble-xla.dk</c> are
/// one domain), the local part in NFC, and no case. MimeKit shows a punycode domain decoded, so a reply from the very
/// address a patient registered could otherwise look like a stranger's.
/// </summary>
public static class AddressKey
{
    public static string Of(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return trimmed.ToUpperInvariant();
        }

        var domain = trimmed[(at + 1)..];
        try
        {
            domain = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a valid domain: compared as written.
        }

        return (trimmed[..at].Normalize(NormalizationForm.FormC) + "@" + domain).ToUpperInvariant();
    }
}
