namespace Notices.Model;

/// <summary>
/// How far a letter's email got, from the latest email event: what an auditor asks after "sent" — did the server take
/// it, and did a delivery status notification (DSN) confirm it?
/// </summary>
public enum EmailStage
{
    /// <summary>No email event (a post letter, or nothing sent yet).</summary>
    None,
    /// <summary>Handed to the SMTP server when a run stopped, outcome unknown (uncertain).</summary>
    Sending,
    /// <summary>Written as an .eml file to the pickup directory; nothing is known beyond that.</summary>
    Written,
    /// <summary>Accepted by the SMTP server (250 after DATA); no DSN yet.</summary>
    Accepted,
    /// <summary>A DSN said the delivery is delayed and still being retried.</summary>
    Delayed,
    /// <summary>A DSN confirmed delivery to the recipient's mailbox.</summary>
    Delivered,
    /// <summary>A DSN or bounce said the delivery failed after the server had accepted it.</summary>
    Bounced,
    /// <summary>The server refused it outright (5xx) or it could not be sent at all.</summary>
    Failed,
}
