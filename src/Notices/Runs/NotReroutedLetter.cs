namespace Notices.Runs;

/// <summary>A bounced letter that could not go to post; the patient is not reached. The reason holds no personal data.</summary>
public sealed record NotReroutedLetter(string CampaignId, string LetterId, string Reason);
