using MimeKit;

namespace Notices.Confirmations;

/// <summary>
/// One per-recipient status group of a delivery-status report (a later group of MimeKit's
/// <see cref="MessageDeliveryStatus.StatusGroups"/>). Final-Recipient and Original-Recipient are deliberately not
/// kept: they are the patient's address. <see cref="DiagnosticCode"/> is raw here; redact it before storing it.
/// </summary>
public sealed record DsnRecipient
{
    /// <summary>Lower case: failed, delayed, delivered, relayed or expanded (or whatever the report said).</summary>
    public required string Action { get; init; }
    /// <summary>e.g. 5.1.1; null when absent.</summary>
    public string? Status { get; init; }
    public string? DiagnosticCode { get; init; }
    public string? WillRetryUntil { get; init; }

    /// <summary>What the action means for the letter, or null for an action this program does not know.</summary>
    public DsnOutcome? Outcome => Action switch
    {
        "failed" => DsnOutcome.Failed,
        "delayed" => DsnOutcome.Delayed,
        "delivered" or "relayed" or "expanded" => DsnOutcome.Delivered,
        _ => null,
    };

    public static DsnRecipient From(HeaderList fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new DsnRecipient
        {
            Action = (fields["Action"] ?? "").Trim().ToLowerInvariant(),
            Status = FirstToken(fields["Status"]),
            DiagnosticCode = fields["Diagnostic-Code"],
            WillRetryUntil = fields["Will-Retry-Until"],
        };
    }

    /// <summary>"5.1.1 (user unknown)" gives 5.1.1.</summary>
    private static string? FirstToken(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var end = trimmed.IndexOfAny([' ', '\t', '(']);
        return end < 0 ? trimmed : trimmed[..end];
    }
}
