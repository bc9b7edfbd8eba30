using System.Text.RegularExpressions;

namespace Notices.Confirmations;

/// <summary>
/// Finds the letter id in the VERP address a report was delivered to: <c>bounces+&lt;letter-id&gt;@bounce-domain</c>
/// (the envelope sender <c>send</c> gives every letter). Looks in Delivered-To, X-Original-To, To and Envelope-To,
/// in that order; the first field holding such an address wins.
/// </summary>
public static partial class VerpAddress
{
    public static readonly IReadOnlyList<string> HeaderOrder = ["Delivered-To", "X-Original-To", "To", "Envelope-To"];

    /// <summary>The letter id as written in the address (case as received), or null.</summary>
    public static string? FindLetterId(MimeHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var name in HeaderOrder)
        {
            foreach (var value in headers.All(name))
            {
                var match = VerpPattern().Match(value);
                if (match.Success)
                {
                    return match.Groups["id"].Value;
                }
            }
        }

        return null;
    }

    /// <summary>The local part starts with "bounces+" (any case) and the id is what HeaderText.Token allows.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])bounces\+(?<id>[A-Za-z0-9._-]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerpPattern();
}
