namespace Notices.Acknowledgements;

/// <summary>A reply recorded as an acknowledgement of <see cref="LetterId"/> (the original letter).</summary>
public sealed record ReplyRecorded(string FileName, string CampaignId, string LetterId, DateOnly ReceivedOn);
