namespace Notices.PostRoom;

/// <summary>
/// One print batch of a campaign as its campaign-level ledger rows tell it: sealed, sent to a printer, printed, posted.
/// Times are ledger times (UTC); <see cref="PostedOn"/> is the day the post room gave.
/// </summary>
public sealed record BatchRecord(string Batch)
{
    public DateTimeOffset? SealedAt { get; init; }

    public int Letters { get; init; }

    /// <summary>Set aside unsealed (a killed run); never printed or posted.</summary>
    public bool Discarded { get; init; }

    /// <summary>The last print job was submitted and has no outcome yet.</summary>
    public bool Submitted { get; init; }

    /// <summary>When the batch was first reported printed (CUPS, or <c>batch printed</c>).</summary>
    public DateTimeOffset? PrintedAt { get; init; }

    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>The day the post room handed the batch to the carrier.</summary>
    public DateOnly? PostedOn { get; init; }

    public bool IsSealed => SealedAt is not null && !Discarded;

    public bool IsPrinted => PrintedAt is not null;

    public bool IsPosted => PostedAt is not null;
}
