namespace Notices.Model;

/// <summary>Campaign-level: CUPS reports the batch's job completed (job-state 9). Its letters are printed.</summary>
public sealed record PrintCompleted(string Batch, string Queue, string Job, string? Reasons = null) : LedgerEvent;
