namespace Notices.Acknowledgements;

/// <summary>What kind of message arrived at the reply address.</summary>
public enum ReplyKind
{
    /// <summary>Written by a person, as far as the headers tell: may be an acknowledgement.</summary>
    Reply,
    /// <summary>Sent by a program on the patient's behalf (out of office, vacation, autoresponder). Never an acknowledgement.</summary>
    AutoReply,
    /// <summary>A delivery status notification or bounce from a mail system. Never an acknowledgement.</summary>
    DeliveryReport,
}
