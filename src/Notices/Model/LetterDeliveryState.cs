namespace Notices.Model;

/// <summary>Where a letter ended up, for counting (derived from <see cref="LetterState"/>). Every affected patient is in exactly one.</summary>
public enum LetterDeliveryState
{
    /// <summary>Made (or planned) but no delivery outcome recorded yet.</summary>
    Pending,
    /// <summary>Email written to the pickup directory, accepted by SMTP, or reported delivered by DSN.</summary>
    Sent,
    /// <summary>In a sealed print batch, submitted to the printer, or posted.</summary>
    Printed,
    /// <summary>No postal address and no consented, valid email.</summary>
    Unreachable,
    /// <summary>Email failed or bounced with no later print, the letter came back, or it could not be made; see the reason.</summary>
    Failed,
    /// <summary>The patient acknowledged; overrides every other state.</summary>
    Acknowledged,
    /// <summary>The email was being handed to the SMTP server when a run stopped: it may or may not have gone out.
    /// Resolved by a delivery report or by <c>send --resend-uncertain</c> (same Message-ID).</summary>
    Uncertain,
}
