namespace Notices.Model;

/// <summary>Which command recorded an acknowledgement.</summary>
public enum AckSource
{
    /// <summary><c>notices ack CAMPAIGN LETTER_ID...</c></summary>
    Manual,
    /// <summary><c>notices ack CAMPAIGN --file FILE</c></summary>
    File,
    /// <summary><c>notices ack import --maildir DIR</c>: a patient's email reply.</summary>
    EmailReply,
}
