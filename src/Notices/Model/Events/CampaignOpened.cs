namespace Notices.Model;

/// <summary>Campaign-level: the campaign's first send began; <paramref name="Letters"/> is how many letters its plan held.</summary>
public sealed record CampaignOpened(string Reference, int Letters) : LedgerEvent;
