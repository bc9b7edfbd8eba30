namespace Notices.Confirmations;

/// <summary>
/// The body of a message/delivery-status part (RFC 3464 section 2.1): one group of per-message fields, then one group
/// per recipient, groups separated by blank lines. Fields may be folded.
/// </summary>
public sealed class DeliveryStatus
{
    private DeliveryStatus(MimeHeaders perMessage, IReadOnlyList<DsnRecipient> recipients)
    {
        PerMessage = perMessage;
        Recipients = recipients;
    }

    /// <summary>Reporting-MTA, Arrival-Date and the like.</summary>
    public MimeHeaders PerMessage { get; }

    public IReadOnlyList<DsnRecipient> Recipients { get; }

    public static DeliveryStatus Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in MimeText.Lines(text))
        {
            if (line.Trim().Length == 0)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [];
                groups.Add(current);
            }

            current.Add(line);
        }

        var perMessage = groups.Count > 0 ? MimeHeaders.Parse(groups[0]) : MimeHeaders.Empty;
        var recipients = groups.Skip(1).Select(g => DsnRecipient.From(MimeHeaders.Parse(g))).ToList();
        return new DeliveryStatus(perMessage, recipients);
    }
}
