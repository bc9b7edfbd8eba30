namespace Notices.Runs;

/// <summary>What one <c>send</c> did. "Skipped" counts letters an earlier run already delivered.</summary>
public sealed record SendSummary
{
    public required string CampaignId { get; init; }
    public int Letters { get; init; }
    public int Rendered { get; init; }
    public int Emailed { get; init; }
    public int Printed { get; init; }
    public int Unreachable { get; init; }
    public int Failed { get; init; }
    public int AlreadyDone { get; init; }

    /// <summary>Returned letters this run sent by email instead.</summary>
    public int ReroutedAfterReturn { get; init; }
    /// <summary>Letters that could not be made in this run (a glyph the font lacks, a broken record); each failed alone.</summary>
    public int FailedToMake { get; init; }
    /// <summary>The letters that could not be made in this run, with the reason (ids and code points only, no names).</summary>
    public IReadOnlyList<(string LetterId, string Reason)> NotMade { get; init; } = [];
    /// <summary>Email letters handed to the SMTP server by a run that stopped before the outcome was recorded.</summary>
    public int Uncertain { get; init; }
    /// <summary>Uncertain letters re-sent in this run with their recorded Message-ID (--resend-uncertain).</summary>
    public int Resent { get; init; }
    /// <summary>Email letters left pending because the SMTP server failed temporarily; a later send picks them up.</summary>
    public int Deferred { get; init; }
    /// <summary>Email letters that failed permanently and went to the print batch instead.</summary>
    public int PrintedAfterEmailFailure { get; init; }
    /// <summary>Why the SMTP server was given up on in this run, or null.</summary>
    public string? SmtpServerProblem { get; init; }
    /// <summary>Where email went: the pickup directory or the SMTP server.</summary>
    public string? EmailDestination { get; init; }
    public TimeSpan Elapsed { get; init; }
}
