namespace Notices.Model;

/// <summary>A campaign that has been sent at least once.</summary>
public sealed class CampaignRecord
{
    public required string CampaignId { get; set; }
    public required string Reference { get; set; }
    public required string NoticeDirectory { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
