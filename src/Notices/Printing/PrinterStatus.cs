namespace Notices.Printing;

/// <summary>What CUPS says about a queue (Get-Printer-Attributes).</summary>
/// <param name="Reasons">printer-state-reasons, e.g. <c>paused</c>; <c>none</c> when all is well.</param>
/// <param name="Message">printer-state-message, free text from CUPS or the operator (cupsdisable -r).</param>
public sealed record PrinterStatus(string Queue, PrinterState State, IReadOnlyList<string> Reasons, string? Message, bool AcceptingJobs)
{
    public bool Ready => State != PrinterState.Stopped && AcceptingJobs;

    public string StateKeyword => State switch
    {
        PrinterState.Idle => "idle",
        PrinterState.Processing => "processing",
        PrinterState.Stopped => "stopped",
        _ => "unknown",
    };

    /// <summary>"stopped (paused: maintenance), not accepting jobs" — CUPS's words, for a one-line message.</summary>
    public string Describe()
    {
        var reasons = Reasons.Where(r => !string.Equals(r, "none", StringComparison.Ordinal)).ToList();
        var detail = string.Join("; ", new[] { string.Join(", ", reasons), Message ?? "" }.Where(s => s.Length > 0));
        return StateKeyword + (detail.Length > 0 ? $" ({detail})" : "") + (AcceptingJobs ? ", accepting jobs" : ", not accepting jobs");
    }
}
