namespace Notices.Confirmations;

/// <summary>Why <c>dsn import</c> left a message unrecorded. Nothing is recorded or re-routed for any of these.</summary>
public enum UnmatchedReason
{
    /// <summary>The file could not be read.</summary>
    Unreadable,
    /// <summary>Not a delivery report or bounce: an auto-reply, a person's message.</summary>
    NotAReport,
    /// <summary>A delivery report whose Action this program does not know.</summary>
    UnknownAction,
    /// <summary>Delivered to no bounces+&lt;letter-id&gt; address.</summary>
    NoVerpAddress,
    /// <summary>The bounces+ address carries no tag: not an address <c>send</c> makes.</summary>
    UnsignedVerp,
    /// <summary>No letter has the address's id.</summary>
    UnknownLetter,
    /// <summary>The tag is not the letter's: forged, or made with another key.</summary>
    BadTag,
    /// <summary>The letter only ever went by post.</summary>
    NeverEmailed,
    /// <summary>The report names a Message-ID (returned headers or Original-Envelope-Id) the ledger never recorded for the letter.</summary>
    MessageIdNotRecorded,
    /// <summary>A bounce with neither a delivery-status part nor a returned Message-ID, not from a mail system.</summary>
    UnconfirmedBounce,
}
