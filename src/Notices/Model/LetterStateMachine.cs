namespace Notices.Model;

/// <summary>
/// The transitions of a letter's life: the only code that decides a <see cref="LetterState"/>. Status, report, the
/// resume logic of <c>send</c> and <c>verify</c> all replay the ledger through it. An event that makes no sense in
/// the current state leaves the state alone and is reported as an anomaly (e.g. a letter sealed in a second batch).
/// </summary>
public static class LetterStateMachine
{
    public readonly record struct Step(LetterState State, string? Anomaly = null);

    public static Step Next(LetterState current, LedgerEvent ledgerEvent)
    {
        ArgumentNullException.ThrowIfNull(ledgerEvent);
        if (current == LetterState.Acknowledged)
        {
            return new(current);
        }

        return ledgerEvent switch
        {
            Acknowledged => new(LetterState.Acknowledged),
            LetterRendered => current is LetterState.Planned or LetterState.Rendered or LetterState.Failed or LetterState.Unreachable or LetterState.Batched
                ? new(LetterState.Rendered)
                : new(current),
            EmailSending => current is LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted
                ? new(current, "email intent for a letter already in a sealed print batch")
                : new(LetterState.Sending),
            EmailWritten or EmailAccepted => current switch
            {
                LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted => new(current, "email handed over for a letter already in a sealed print batch"),
                LetterState.Delivered => new(current),
                _ => new(LetterState.Accepted),
            },
            EmailDelivered => current is LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted or LetterState.Returned
                ? new(current)
                : new(LetterState.Delivered),
            EmailDelayed => current is LetterState.Sending or LetterState.Rendered or LetterState.Planned ? new(LetterState.Accepted) : new(current),
            EmailBounced => current is LetterState.Accepted or LetterState.Sending or LetterState.Delivered or LetterState.Rendered or LetterState.Planned
                ? new(LetterState.Bounced)
                : new(current),
            EmailFailed => current is LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted ? new(current) : new(LetterState.Failed),
            EmailDeferred => current is LetterState.Sending or LetterState.Rendered or LetterState.Planned ? new(LetterState.Rendered) : new(current),
            PrintBatched => current is LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted
                ? new(current, "letter placed in a second print batch")
                : new(LetterState.Batched),
            BatchSealed => current == LetterState.Batched ? new(LetterState.Sealed) : new(current),
            BatchDiscarded => current == LetterState.Batched ? new(LetterState.Rendered) : new(current),
            PrintSubmitted => current is LetterState.Sealed or LetterState.Submitted
                ? new(LetterState.Submitted)
                : new(current), // a reprint leaves a printed or posted letter where it is
            PrintCompleted => current is LetterState.Sealed or LetterState.Submitted ? new(LetterState.Printed) : new(current),
            // A failed job puts the letters back to sealed, so a later run prints the batch again.
            PrintFailed => current == LetterState.Submitted ? new(LetterState.Sealed) : new(current),
            BatchPosted => current is LetterState.Sealed or LetterState.Submitted or LetterState.Printed
                ? new(LetterState.Posted)
                : new(current),
            Returned => current is LetterState.Submitted or LetterState.Printed or LetterState.Posted ? new(LetterState.Returned) : new(current),
            Unreachable => current is LetterState.Planned or LetterState.Rendered or LetterState.Failed or LetterState.Unreachable
                ? new(LetterState.Unreachable)
                : new(current),
            LetterFailed => current is LetterState.Planned or LetterState.Rendered or LetterState.Failed or LetterState.Batched or LetterState.Bounced
                ? new(LetterState.Failed)
                : new(current),
            _ => new(current),
        };
    }

    /// <summary>
    /// The coarse state used for counting: every letter is in exactly one. A batched letter whose batch is not sealed is
    /// still pending; a sending letter after a run is uncertain.
    /// </summary>
    public static LetterDeliveryState Outcome(LetterState state) => state switch
    {
        LetterState.Planned or LetterState.Rendered or LetterState.Batched => LetterDeliveryState.Pending,
        LetterState.Sending => LetterDeliveryState.Uncertain,
        LetterState.Accepted or LetterState.Delivered => LetterDeliveryState.Sent,
        LetterState.Sealed or LetterState.Submitted or LetterState.Printed or LetterState.Posted => LetterDeliveryState.Printed,
        LetterState.Unreachable => LetterDeliveryState.Unreachable,
        LetterState.Bounced or LetterState.Returned or LetterState.Failed => LetterDeliveryState.Failed,
        LetterState.Acknowledged => LetterDeliveryState.Acknowledged,
        _ => LetterDeliveryState.Pending,
    };
}
