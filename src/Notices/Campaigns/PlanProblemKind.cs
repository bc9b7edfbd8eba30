namespace Notices.Campaigns;

public enum PlanProblemKind
{
    /// <summary>No postal address and no consented, valid email: the patient cannot be reached.</summary>
    Unreachable,
    /// <summary>A software_max rule matched a device without a readable version; notified to be safe.</summary>
    VersionUnknown,
    /// <summary>The email address is invalid or not consented; the letter goes by post.</summary>
    EmailNotUsable,
    /// <summary>The window address block had to be wrapped or shortened.</summary>
    AddressAdjusted,
    /// <summary>The letter font has no glyph for a character of the patient's data: the letter cannot be made.</summary>
    MissingGlyph,
    /// <summary>The patient's data holds control characters (TAB, line breaks, NUL); the letter prints them as spaces.</summary>
    ControlCharacters,
    /// <summary>A post letter needs more sheets than the notice's envelope holds (notice.yaml <c>envelope</c>).</summary>
    OverCapacity,
    /// <summary>A lots rule matched a device without a lot number; notified to be safe.</summary>
    LotUnknown,
    /// <summary>A udi_di rule matched a device without a UDI-DI; notified to be safe.</summary>
    UdiDiUnknown,
}
