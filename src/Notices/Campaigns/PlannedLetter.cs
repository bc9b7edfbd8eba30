namespace Notices.Campaigns;

/// <summary>One letter of a campaign: one affected patient, all of that patient's affected devices.</summary>
public sealed record PlannedLetter
{
    /// <summary>Stable id printed on the letter, e.g. FA830-DK-000042.</summary>
    public required string LetterId { get; init; }
    public required string CampaignId { get; init; }
    public required RecipientSnapshot Recipient { get; init; }
    public required IReadOnlyList<AffectedDevice> Devices { get; init; }
    public required DeliveryChannelKind Channel { get; init; }
    /// <summary>Why the channel was chosen when it is not the obvious one (e.g. "ugyldig e-mail").</summary>
    public string? ChannelNote { get; init; }
}
