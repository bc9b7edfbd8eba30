namespace Notices.Delivery.Smtp;

public enum SmtpFailureKind
{
    /// <summary>4xx, refused or lost connection, timeout: try again later.</summary>
    Temporary,
    /// <summary>5xx for this message or recipient: retrying will not help; the letter goes to post instead.</summary>
    Permanent,
    /// <summary>The server refuses us, not the letter (TLS, authentication): stop sending, letters stay pending.</summary>
    ServerRefused,
}
