namespace Notices.Campaigns;

/// <summary>Why one rule (numbered from 1, as in notice.yaml) did not match a device.</summary>
public sealed record RuleMiss(int Rule, RuleMissKind Kind, string Reason);
