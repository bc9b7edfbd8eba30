namespace Notices.Ledger;

/// <summary>Where a letter ended up, as projected from the ledger. Every affected patient is in exactly one.</summary>
public enum LetterDeliveryState
{
    /// <summary>Made (or planned) but no delivery outcome recorded yet.</summary>
    Pending,
    /// <summary>Email written to the pickup directory, accepted by SMTP, or reported delivered by DSN.</summary>
    Sent,
    /// <summary>Placed in a print batch, submitted to the printer, or posted.</summary>
    Printed,
    /// <summary>No postal address and no consented, valid email.</summary>
    Unreachable,
    /// <summary>Email failed or bounced with no later print, or the letter came back; see the reason.</summary>
    Failed,
    /// <summary>The patient acknowledged; overrides every other state.</summary>
    Acknowledged,
}
