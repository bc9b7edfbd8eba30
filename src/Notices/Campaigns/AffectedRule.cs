namespace Notices.Campaigns;

/// <summary>One entry of notice.yaml's <c>affected</c> list. Every condition given must hold for a device to match.</summary>
public sealed record AffectedRule
{
    public required string Manufacturer { get; init; }
    /// <summary>Model names as printed in the notice, with any aliases that also match.</summary>
    public required IReadOnlyList<string> Models { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Lowest affected software version (inclusive), e.g. 2.2A; null when there is no lower bound.</summary>
    public string? SoftwareMin { get; init; }
    /// <summary>Highest affected software version (inclusive), e.g. 2.6A; null when every version is affected.</summary>
    public string? SoftwareMax { get; init; }
    /// <summary>Affected serial-number ranges; empty when the rule has none (every serial).</summary>
    public IReadOnlyList<SerialRange> SerialRanges { get; init; } = [];
    /// <summary>Affected lot numbers; empty when the rule names none.</summary>
    public IReadOnlyList<string> Lots { get; init; } = [];
    /// <summary>Affected UDI device identifiers; empty when the rule names none.</summary>
    public IReadOnlyList<string> UdiDi { get; init; } = [];
    /// <summary>The serial numbers of <c>serials_file</c>, read once when the package is loaded; null without one.</summary>
    public PackageIdList? SerialsFile { get; init; }
}
