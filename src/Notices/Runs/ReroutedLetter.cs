namespace Notices.Runs;

/// <summary>A bounced letter placed in a print batch (file name, e.g. batch-0003.pdf, under out/&lt;campaign&gt;/print/).</summary>
public sealed record ReroutedLetter(string CampaignId, string LetterId, string Batch);
