namespace Notices.Reports;

/// <summary>Why an affected patient was not reached (from the letter's last deciding event).</summary>
public enum UnreachedReason
{
    NoAddress,
    EmailBounced,
    EmailRefused,
    LetterReturned,
    NotMade,
    Uncertain,
    NotSentYet,
}
