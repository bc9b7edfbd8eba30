namespace Notices.Runs;

public sealed record PrintSummary
{
    public required string CampaignId { get; init; }

    public required PrintOutcome Outcome { get; init; }

    /// <summary>Why nothing was printed, or what stopped the run (one line, CUPS's words).</summary>
    public string? Problem { get; init; }

    /// <summary>The final line of every sealed batch.</summary>
    public required IReadOnlyList<PrintLine> Batches { get; init; }

    public int Submitted { get; init; }

    public int Completed { get; init; }

    public int Failed { get; init; }

    public int StillSubmitted { get; init; }

    /// <summary>Jobs a stopped run had handed to CUPS without recording them, found again by their title.</summary>
    public int Recovered { get; init; }
}
