using Notices.Model;

namespace Notices.Ledger;

/// <summary>A letter's acknowledgement as the ledger recorded it (the first one; acknowledging again records nothing).</summary>
public sealed record LetterAcknowledgement(
    DateOnly ReceivedOn, AckMethod Method, AckSource Source, DateTimeOffset RecordedAt, string? ViaLetterId, string? Note);
