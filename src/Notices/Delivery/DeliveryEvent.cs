using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>An outcome a channel reports. Detail values must not contain names or addresses.</summary>
public sealed record DeliveryEvent(
    string CampaignId,
    string LetterId,
    string PatientId,
    LedgerEventKind Kind,
    IReadOnlyDictionary<string, string> Detail);
