namespace Notices.Acknowledgements;

/// <summary>What an acknowledgement command did: the letters recorded (original letter ids), the requests refused, and
/// how many were already acknowledged and skipped (<see cref="AckPolicy.Idempotent"/> only).</summary>
public sealed record AckOutcome(IReadOnlyList<RecordedAck> Recorded, IReadOnlyList<AckProblem> Problems, int Skipped)
{
    public bool RecordedNothingBecauseOfProblems { get; init; }
}
