namespace Notices.Runs;

/// <summary>One line of progress: a batch, its job, and what happened ("submitted", "completed", "aborted"…).</summary>
/// <param name="Note">Short detail without patient data (pages, CUPS's reasons).</param>
public sealed record PrintLine(string Batch, string? Queue, int? Job, string State, string? Note = null);
