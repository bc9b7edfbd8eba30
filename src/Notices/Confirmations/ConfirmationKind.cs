namespace Notices.Confirmations;

public enum ConfirmationKind
{
    /// <summary>An RFC 3464 multipart/report with a message/delivery-status part.</summary>
    DeliveryReport,
    /// <summary>A bounce without a delivery-status part, recognised by its sender or subject.</summary>
    PlainBounce,
    /// <summary>Anything else (an auto-reply, a person's answer): not recorded.</summary>
    Other,
}
