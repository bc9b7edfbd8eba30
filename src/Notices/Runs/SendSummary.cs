namespace Notices.Runs;

/// <summary>What one <c>send</c> did. "Skipped" counts letters an earlier run already delivered.</summary>
public sealed record SendSummary
{
    public required string CampaignId { get; init; }
    public int Letters { get; init; }
    public int Rendered { get; init; }
    public int Emailed { get; init; }
    public int Printed { get; init; }
    public int Unreachable { get; init; }
    public int Failed { get; init; }
    public int AlreadyDone { get; init; }
    public TimeSpan Elapsed { get; init; }
}
