using System.Text.RegularExpressions;
using MimeKit;
using Notices.Confirmations;

namespace Notices.Acknowledgements;

/// <summary>
/// Finds the per-letter Reply-To address a reply was sent to: <c>svar+&lt;letter-id&gt;.&lt;tag&gt;@reply-domain</c> (see
/// <see cref="Delivery.VerpSigner.ReplyAddress"/>). Looks in Delivered-To, X-Original-To and To, in that order (the
/// first two are written by the receiving mail system; To by the patient's mail program). Only finds: the tag is
/// checked by <see cref="ReplyImporter"/>, which knows the letter's campaign.
/// </summary>
public static partial class ReplyAddress
{
    public static readonly IReadOnlyList<string> HeaderOrder = ["Delivered-To", "X-Original-To", "To"];

    /// <summary>The letter id (case as received) and tag of the first such address, or null.</summary>
    public static ReplyAddressMatch? Find(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var name in HeaderOrder)
        {
            foreach (var value in IncomingMail.All(headers, name))
            {
                if (Parse(value) is { } match)
                {
                    return match;
                }
            }
        }

        return null;
    }

    /// <summary>The first <c>svar+</c> address in a header value, or null.</summary>
    public static ReplyAddressMatch? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var match = Pattern().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var tag = match.Groups["tag"];
        return new ReplyAddressMatch(match.Groups["id"].Value, tag.Success ? tag.Value : null);
    }

    /// <summary>
    /// "svar+" (any case), the id (letters, digits, '-', '_': the first '.' ends it), then optionally '.' and the tag.
    /// A tag of the wrong shape is still captured, so it is reported as not verifying rather than as no address.
    /// Bounded lengths keep a hostile header from costing much.
    /// </summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])svar\+(?<id>[A-Za-z0-9_-]{1,80})(?:\.(?<tag>[A-Za-z0-9._=+-]{0,80}))?@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
