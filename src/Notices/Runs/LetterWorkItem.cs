using Notices.Campaigns;

namespace Notices.Runs;

/// <summary>
/// A letter to deliver in this run, with what an earlier run recorded: the PDF hash, the Message-ID, and whether an
/// email intent is waiting for its outcome (resume it, never start a second hand-over with a new Message-ID).
/// </summary>
public sealed record LetterWorkItem(PlannedLetter Letter, string? KnownSha256, int KnownPages)
{
    public string? MessageId { get; init; }

    public bool ResumeIntent { get; init; }

    public bool Resend { get; init; }

    /// <summary>The letter came back from its postal address (re-routed to email): no print fallback to that address.</summary>
    public bool AddressReturnedMail { get; init; }
}
