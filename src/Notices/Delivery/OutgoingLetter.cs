using Notices.Campaigns;

namespace Notices.Delivery;

/// <summary>A rendered letter on its way to a channel. The PDF lives on disk and is streamed, never held for every letter.</summary>
public sealed record OutgoingLetter
{
    public required string LetterId { get; init; }
    public required string CampaignId { get; init; }
    public required string PatientId { get; init; }
    public required DeliveryChannelKind Channel { get; init; }
    public required string PdfPath { get; init; }
    public required string PdfSha256 { get; init; }
    public required int PageCount { get; init; }
    /// <summary>Recipient display name, for the To header only; never logged.</summary>
    public required string RecipientName { get; init; }
    public string? EmailAddress { get; init; }
    public string? EmailSubject { get; init; }
    public string? EmailHtml { get; init; }
    public string? EmailText { get; init; }
    /// <summary>Readable attachment name, e.g. Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf.</summary>
    public string? AttachmentFileName { get; init; }
    /// <summary>For sorting print batches; part of the manifest.</summary>
    public string? PostalCode { get; init; }
    public string Country { get; init; } = "DK";
    /// <summary>For the manifest (the post room's sorting), never names.</summary>
    public string? City { get; init; }
    /// <summary>A large-print letter goes in print batches of its own (another printer or envelope).</summary>
    public bool LargePrint { get; init; }
    /// <summary>The letter's Message-ID when one was recorded before (kept across runs); null: the channel makes one.</summary>
    public string? MessageId { get; init; }
    /// <summary>An earlier run recorded the intent to place this letter's .eml in the pickup directory and stopped:
    /// the pickup channel completes that hand-over (it never writes a second message).</summary>
    public bool ResumeIntent { get; init; }
    /// <summary>An earlier run handed this letter to an SMTP server and never saw the answer (uncertain); the user asked
    /// to send it again, with <see cref="MessageId"/>. The intent records it as a resend.</summary>
    public bool Resend { get; init; }
    /// <summary>Whether the letter could go by post instead (the print fallback after a permanent email failure).</summary>
    public bool HasPostalAddress { get; init; } = true;
}
