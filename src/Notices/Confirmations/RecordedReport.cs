using Notices.Model;

namespace Notices.Confirmations;

/// <summary>A report recorded in the ledger by this import.</summary>
/// <param name="MessageIdMismatch">The report names a Message-ID the ledger never recorded for this letter.</param>
public sealed record RecordedReport(string FileName, string CampaignId, string LetterId, LedgerEventKind Kind, string Status, bool MessageIdMismatch);
