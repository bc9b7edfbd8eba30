namespace Notices.PostRoom;

/// <summary>A returned letter that passed every check (and is recorded, unless another one failed).</summary>
public sealed record RecordedReturn(string CampaignId, string LetterId, string PatientId, ReturnRequest Request);
