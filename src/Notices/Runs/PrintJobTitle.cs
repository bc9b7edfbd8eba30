using System.Globalization;

namespace Notices.Runs;

/// <summary>
/// The job-name of a batch's print job: "FA830 batch-0001 [3f9a0c12e4.1]". The bracket is a token unique to this store,
/// batch and attempt: the first 10 hex of the BatchSealed ledger row's hash, and the number of the submission. A run
/// killed after CUPS accepted a job but before PrintSubmitted was durable left no record of it; the next run makes the
/// same token (the attempt number did not advance), finds the job with Get-Jobs and records it instead of printing again.
/// </summary>
public static class PrintJobTitle
{
    public static string For(string reference, BatchPrintHistory batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return string.Create(CultureInfo.InvariantCulture, $"{reference} {batch.Name} {Token(batch)}");
    }

    /// <summary>The token of the next submission of the batch.</summary>
    public static string Token(BatchPrintHistory batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return string.Create(CultureInfo.InvariantCulture, $"[{batch.SealEntryHash[..Math.Min(10, batch.SealEntryHash.Length)]}.{batch.Submissions + 1}]");
    }

    /// <summary>Whether a job name CUPS reports ends in this token (CUPS may shorten long names, never the end we check).</summary>
    public static bool HasToken(string? jobName, string token) =>
        jobName is not null && jobName.EndsWith(token, StringComparison.Ordinal);
}
