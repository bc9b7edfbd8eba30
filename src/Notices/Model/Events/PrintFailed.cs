namespace Notices.Model;

/// <summary>
/// Campaign-level: the batch's job ended without printing (CUPS job-state canceled or aborted, with its reasons), or the
/// queue refused it. Its letters go back to <em>sealed</em>, so a later <c>notices print</c> prints the batch again.
/// </summary>
/// <param name="State">The CUPS state, e.g. <c>aborted</c>, <c>canceled</c>, or the printer's state when it refused.</param>
/// <param name="Reason">CUPS's reasons and message, as CUPS gave them.</param>
public sealed record PrintFailed(string Batch, string Queue, string? Job, string State, string Reason) : LedgerEvent;
