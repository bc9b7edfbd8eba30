namespace Notices.Acknowledgements;

/// <summary>Why <c>ack import</c> did not take a message as an acknowledgement. Nothing is recorded for any of these.</summary>
public enum ReplyUnmatchedReason
{
    /// <summary>The file could not be read.</summary>
    Unreadable,
    /// <summary>A delivery report or bounce from a mail system.</summary>
    DeliveryReport,
    /// <summary>An out-of-office or other automatic answer.</summary>
    AutoReply,
    /// <summary>No svar+ address and no letter id in the subject or text.</summary>
    NoLetter,
    /// <summary>The message names a letter id the store does not hold.</summary>
    UnknownLetter,
    /// <summary>The svar+ address carries no tag, or one that is not that letter's: forged, or signed with another key.</summary>
    BadTag,
    /// <summary>A letter id in the subject or text, from an address that is not that letter's patient's.</summary>
    NotThePatient,
    /// <summary>The subject or text names letters of more than one of the sender's letters.</summary>
    Ambiguous,
    /// <summary>The acknowledgement was refused by the recorder (e.g. dated before the letter was made).</summary>
    Refused,
}
