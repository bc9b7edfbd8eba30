using Notices.Campaigns;

namespace Notices.Runs;

/// <summary>A letter to deliver in this run, with the PDF hash an earlier run recorded (if any).</summary>
public sealed record LetterWorkItem(PlannedLetter Letter, string? KnownSha256, int KnownPages);
