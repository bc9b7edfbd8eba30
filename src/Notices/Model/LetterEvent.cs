namespace Notices.Model;

/// <summary>A ledger event with what it is about: the campaign, and the letter and patient (null for a campaign-level event such as a sealed batch).</summary>
public sealed record LetterEvent(string CampaignId, string? LetterId, string? PatientId, LedgerEvent Event);
