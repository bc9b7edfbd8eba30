using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// A display name and an addr-spec: a dot-atom local part, ASCII or with letters beyond ASCII (RFC 6531, e.g.
/// <c>jørgen@…</c>, which needs a server that offers SMTPUTF8; <see cref="IsInternational"/>), and a domain of
/// letters, digits and '-' (an international domain is stored in its punycode form, so it needs no SMTPUTF8).
/// <see cref="Parse"/> refuses anything else, so an address can never carry white space, angle brackets or line
/// breaks into a header or the SMTP envelope.
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

    /// <summary>The local part has letters beyond ASCII: the message needs SMTPUTF8 (RFC 6531).</summary>
    public bool IsInternational => !System.Text.Ascii.IsValid(Address);

    /// <summary>The part after the '@' (punycode for an international domain).</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    /// <exception cref="FormatException">Not an address we can put into a header.</exception>
    public static MailboxAddress Parse(string address, string? displayName = null) =>
        TryNormalise(address) is { } normal
            ? new MailboxAddress(HeaderText.Clean(displayName) is { Length: > 0 } name ? name : null, normal)
            : throw new FormatException("invalid email address");

    public static bool IsValid(string? address) => TryNormalise(address) is not null;

    /// <summary>
    /// Reads a mailbox as notice.yaml writes it: a bare address, or <c>Name &lt;address&gt;</c> with the name plain or in
    /// double quotes (backslash escapes). The name is null when there is none.
    /// </summary>
    /// <exception cref="FormatException">Not a mailbox we can put into a header.</exception>
    public static MailboxAddress ParseMailbox(string text) =>
        TryParseMailbox(text, out var mailbox) ? mailbox : throw new FormatException("invalid email address");

    public static bool TryParseMailbox(string? text, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Any(char.IsControl))
        {
            return false;
        }

        if (!value.EndsWith('>'))
        {
            return TryNormalise(value) is { } bare && Set(null, bare, out mailbox);
        }

        string? name;
        int open;
        if (value[0] == '"')
        {
            if (QuotedEnd(value) is not { } close)
            {
                return false;
            }

            name = Unescape(value[1..close]);
            open = close + 1;
            while (open < value.Length && value[open] == ' ')
            {
                open++;
            }

            if (open >= value.Length || value[open] != '<')
            {
                return false;
            }
        }
        else
        {
            open = value.IndexOf('<', StringComparison.Ordinal);
            name = open < 0 ? null : value[..open].Trim();
            if (open < 0 || name!.IndexOfAny(['"', '>']) >= 0)
            {
                return false;
            }
        }

        var inner = value[(open + 1)..^1];
        return TryNormalise(inner) is { } address && Set(name, address, out mailbox);
    }

    private static bool Set(string? name, string address, out MailboxAddress mailbox)
    {
        mailbox = new MailboxAddress(HeaderText.Clean(name) is { Length: > 0 } clean ? clean : null, address);
        return true;
    }

    /// <summary>The index of the quote that closes the one at 0, or null.</summary>
    private static int? QuotedEnd(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == '"')
            {
                return i;
            }
        }

        return null;
    }

    private static string Unescape(string quoted)
    {
        var sb = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length)
            {
                i++;
            }

            sb.Append(quoted[i]);
        }

        return sb.ToString();
    }

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

        // One spelling per address: "é" typed as e + combining acute becomes the precomposed letter (NFC). Pairs that
        // Unicode does not compose (o + U+0338 is not "ø") stay as typed.
        var local = address[..at].Normalize(NormalizationForm.FormC);
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
        var previous = '.';
        foreach (var c in local)
        {
            // A combining mark needs a letter or digit to sit on: not first, not after a dot or a symbol.
            if (IsMark(c) && !(char.IsLetterOrDigit(previous) || IsMark(previous)))
            {
                return false;
            }

            previous = c;
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || IsInternationalLetter(c)))
            {
                return false;
            }

            previousDot = false;
        }

        return !previousDot;
    }

    /// <summary>RFC 6531 allows any UTF-8 beyond ASCII; we take letters and digits (æ, ø, å, é, ü, …) and refuse
    /// spaces, controls, invisible format characters and symbols that could pass for something else.</summary>
    private static bool IsInternationalLetter(char c) => c > '\u007f' && (char.IsLetterOrDigit(c) || IsMark(c));

    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 && domain.Length <= 253 && labels.All(l =>
            l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
