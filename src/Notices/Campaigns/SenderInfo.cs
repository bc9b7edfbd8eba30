namespace Notices.Campaigns;

/// <summary>The organisation that signs the notice (notice.yaml: <c>sender</c>).</summary>
public sealed record SenderInfo
{
    public required string Organisation { get; init; }
    public string? Department { get; init; }
    public IReadOnlyList<string> AddressLines { get; init; } = [];
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public required string SignatoryName { get; init; }
    public string? SignatoryTitle { get; init; }
}
