namespace Notices.Campaigns;

/// <summary>One entry of notice.yaml's <c>affected</c> list.</summary>
public sealed record AffectedRule
{
    public required string Manufacturer { get; init; }
    /// <summary>Model names as printed in the notice, with any aliases that also match.</summary>
    public required IReadOnlyList<string> Models { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Highest affected software version (inclusive), e.g. 2.6A; null when every version is affected.</summary>
    public string? SoftwareMax { get; init; }
}
