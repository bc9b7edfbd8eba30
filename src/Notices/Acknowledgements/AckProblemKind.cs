namespace Notices.Acknowledgements;

public enum AckProblemKind
{
    /// <summary>No letter with this id in the store.</summary>
    UnknownLetter,
    /// <summary>The letter belongs to another campaign than the one named.</summary>
    OtherCampaign,
    /// <summary>The ledger already holds an acknowledgement for the letter.</summary>
    AlreadyAcknowledged,
    /// <summary>The same letter appears twice in one input.</summary>
    Duplicate,
    /// <summary>The date received is after today.</summary>
    FutureDate,
    /// <summary>The date received is before the letter was made.</summary>
    BeforeLetter,
}
