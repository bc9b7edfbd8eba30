namespace Notices.Acknowledgements;

public enum AckPolicy
{
    /// <summary>By hand or from a file: any problem records nothing.</summary>
    AllOrNothing,
    /// <summary>An import that may see the same item again (email replies): letters already acknowledged and repeats are
    /// skipped quietly; other problems are listed and the rest is recorded.</summary>
    Idempotent,
}
