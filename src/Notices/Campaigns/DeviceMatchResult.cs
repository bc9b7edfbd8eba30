namespace Notices.Campaigns;

/// <summary>
/// The outcome of testing one device against a notice's rules: the rule that matched (numbered from 1) with the
/// conditions that held and the data that was unknown, or, when none matched, each rule's reason.
/// </summary>
public sealed record DeviceMatchResult(int? Rule, DataUnknown Unknown, IReadOnlyList<string> Held, IReadOnlyList<RuleMiss> Misses)
{
    public bool Affected => Rule is not null;

    /// <summary>The short form the planner's callers used before rules had more than a version condition.</summary>
    public DeviceMatch Kind => Rule is null ? DeviceMatch.NotAffected
        : Unknown.HasFlag(DataUnknown.Version) ? DeviceMatch.AffectedVersionUnknown : DeviceMatch.Affected;
}
