using System.Text.RegularExpressions;
using MimeKit;
using Notices.Delivery;

namespace Notices.Confirmations;

/// <summary>
/// Finds the VERP address a report was delivered to: <c>bounces+&lt;letter-id&gt;.&lt;tag&gt;@bounce-domain</c> (the
/// envelope sender <c>send</c> gives every letter, see <see cref="VerpSigner"/>). Looks in Delivered-To,
/// X-Original-To, To and Envelope-To, in that order; the first field holding such an address wins. Only finds; the
/// tag is checked by the importer, which knows the letter's campaign.
/// </summary>
public static partial class VerpAddress
{
    public static readonly IReadOnlyList<string> HeaderOrder = ["Delivered-To", "X-Original-To", "To", "Envelope-To"];

    /// <summary>The letter id (case as received) and tag (null when the address has none), or null.</summary>
    public static VerpMatch? Find(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var name in HeaderOrder)
        {
            foreach (var value in IncomingMail.All(headers, name))
            {
                var match = VerpPattern().Match(value);
                if (match.Success)
                {
                    var tag = match.Groups["tag"];
                    return new VerpMatch(match.Groups["id"].Value, tag.Success ? tag.Value : null);
                }
            }
        }

        return null;
    }

    /// <summary>The letter id as written in the address (case as received), or null.</summary>
    public static string? FindLetterId(HeaderList headers) => Find(headers)?.LetterId;

    /// <summary>
    /// "bounces+" (any case), the id (letters, digits, '-', '_': no dot, so the first '.' ends it), then optionally
    /// '.' and the tag. A tag of the wrong shape is still captured, so it is reported as not verifying rather than
    /// as no address at all.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])bounces\+(?<id>[A-Za-z0-9_-]+)(?:\.(?<tag>[A-Za-z0-9._=+-]+))?@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VerpPattern();
}
