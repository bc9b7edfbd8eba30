namespace Notices.Model;

/// <summary>
/// Campaign-level: a sealed batch was handed to a CUPS queue as job <see cref="Job"/>. Recorded once CUPS gave the job
/// id; the letters stay <em>submitted</em> until <see cref="PrintCompleted"/> or <see cref="PrintFailed"/> follows.
/// </summary>
/// <param name="Title">The job title CUPS shows (campaign and batch).</param>
/// <param name="Sides">The IPP sides value, e.g. <c>two-sided-long-edge</c> or <c>one-sided</c>.</param>
/// <param name="Reprint">The batch was printed before and the user asked for it again (<c>print --batch N</c>).</param>
public sealed record PrintSubmitted(
    string Batch,
    string? Queue = null,
    string? Job = null,
    string? Title = null,
    string? Sides = null,
    bool Reprint = false) : LedgerEvent;
