using System.Net.Mail;

namespace Notices.Records;

/// <summary>
/// Pragmatic email address check: one @, a non-empty local part, a domain with a dot and no empty labels,
/// no whitespace or control characters, accepted by <see cref="MailAddress"/> as a bare address, and one the message
/// builder can put into a header (<see cref="Delivery.Mime.MailboxAddress"/>: a local part of ASCII or of letters
/// beyond it, such as <c>jørgen@…</c>, which goes by SMTPUTF8), so an address the import lets through never fails at
/// send for its form.
/// </summary>
public static class EmailAddressRule
{
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        foreach (var c in address)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@'))
        {
            return false;
        }

        var domain = address[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') ||
            domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        // MailAddress also accepts display-name forms ("Ole <o@x.dk>"); require that it read back the same bare address.
        return MailAddress.TryCreate(address, out var parsed) &&
               string.Equals(parsed.Address, address, StringComparison.Ordinal) &&
               Delivery.Mime.MailboxAddress.IsValid(address);
    }
}
