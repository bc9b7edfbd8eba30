using System.Text.RegularExpressions;

namespace Notices.Delivery;

/// <summary>
/// Replaces every email address in a text (a Diagnostic-Code such as "550 5.1.1 &lt;name@host&gt;: User unknown")
/// with &lt;redacted&gt;: the address says who the patient is, and the ledger must not hold it.
/// </summary>
public static partial class AddressRedactor
{
    public const string Placeholder = "<redacted>";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddressPattern().Replace(text, Placeholder);
    }

    // Optional angle brackets around local@domain; a quoted local part ("a b"@host) counts too.
    // Characters that end an address in diagnostic text: white space, brackets, quotes, ',', ';', ':'.
    [GeneratedRegex("""<?(?:"[^"\r\n]*"|[^\s<>()\[\],;:"@]+)@[^\s<>()\[\],;:"@]+>?""", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
