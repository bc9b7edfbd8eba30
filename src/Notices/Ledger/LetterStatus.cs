using Notices.Campaigns;

namespace Notices.Ledger;

/// <summary>The projected state of one letter. <see cref="Detail"/> is the failure reason, or the last deciding event's detail.</summary>
public sealed record LetterStatus(
    string LetterId,
    string? PatientId,
    LetterDeliveryState State,
    DeliveryChannelKind? Channel,
    string? LastEvent,
    DateTimeOffset? LastEventAt,
    string Detail,
    string? PdfSha256,
    bool DeliveredByDsn,
    bool Bounced,
    EmailStage Email = EmailStage.None);
