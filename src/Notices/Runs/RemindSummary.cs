namespace Notices.Runs;

/// <summary>What one <c>remind</c> round did. Lists hold letter ids and reasons only, never names.</summary>
public sealed record RemindSummary
{
    public required string CampaignId { get; init; }
    public DateOnly AsOf { get; init; }
    public int AfterDays { get; init; }
    /// <summary>Affected patients (original letters).</summary>
    public int Letters { get; init; }
    /// <summary>Patients whose reminder was planned in this round (their time had come and a channel could carry it).</summary>
    public int Due { get; init; }
    /// <summary>Unfinished reminders of an earlier, stopped run that this run delivered.</summary>
    public int Resumed { get; init; }
    public int RemindedByEmail { get; init; }
    public int RemindedByPost { get; init; }
    /// <summary>Reminders planned on the other channel than the last letter went by (a bounce, a returned letter).</summary>
    public int SwitchedChannel { get; init; }
    public int Acknowledged { get; init; }
    public int NotYetDue { get; init; }
    /// <summary>Patients the notice's exclude_patients_file lists: never reminded.</summary>
    public int Excluded { get; init; }
    /// <summary>The exclude_patients_file as notice.yaml names it; null when the notice has none.</summary>
    public string? ExcludedList { get; init; }
    /// <summary>Patients the first letter never reached (unreachable, failed, uncertain): remind does not chase them; send does.</summary>
    public int NotReached { get; init; }
    /// <summary>Due patients no channel could carry a reminder to, with the reason.</summary>
    public IReadOnlyList<(string LetterId, string Reason)> CannotRemind { get; init; } = [];
    /// <summary>Reminders of this run that did not get delivered (failed, deferred, uncertain), with the reason.</summary>
    public IReadOnlyList<(string LetterId, string Reason)> NotDelivered { get; init; } = [];
    public int Rendered { get; init; }
    public string? EmailDestination { get; init; }
    public string? SmtpServerProblem { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>Some patient who was due is not reminded.</summary>
    public bool SomeoneNotReminded => CannotRemind.Count > 0 || NotDelivered.Count > 0;
}
