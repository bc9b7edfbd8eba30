using Notices.Model;

namespace Notices.Confirmations;

/// <summary>A report recorded in the ledger by this import.</summary>
public sealed record RecordedReport(string FileName, string CampaignId, string LetterId, LedgerEventKind Kind, string Status);
