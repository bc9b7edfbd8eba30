namespace Notices.Model;

/// <summary>
/// The patient acknowledged the notice. Final: no later event changes a letter's acknowledgement. Always recorded on
/// the original letter; <see cref="ViaLetterId"/> names the reminder the patient answered, when it was one.
/// <see cref="Reference"/> identifies the source item (an email's Message-ID) so an import is idempotent.
/// </summary>
public sealed record Acknowledged(
    DateOnly ReceivedOn, AckMethod Method, AckSource Source, string? Note = null, string? ViaLetterId = null, string? Reference = null) : LedgerEvent;
