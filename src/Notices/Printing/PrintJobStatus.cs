namespace Notices.Printing;

/// <summary>What CUPS says about a job (Get-Job-Attributes or Get-Jobs).</summary>
/// <param name="Reasons">job-state-reasons, e.g. <c>job-completed-successfully</c>, <c>job-canceled-by-user</c>.</param>
/// <param name="Message">job-state-message, if CUPS set one.</param>
public sealed record PrintJobStatus(int JobId, PrintJobState State, IReadOnlyList<string> Reasons, string? Message, string? Name)
{
    /// <summary>Reasons and message in one text, as the ledger records them.</summary>
    public string Describe()
    {
        var reasons = string.Join(", ", Reasons.Where(r => !string.Equals(r, "none", StringComparison.Ordinal)));
        return string.Join("; ", new[] { reasons, Message ?? "" }.Where(s => s.Length > 0));
    }
}
