namespace Notices.Ledger;

/// <summary>
/// When each step of a letter's life was first recorded (ledger time, UTC), for the effectiveness-check report.
/// A step that never happened is null. Email attempts are the recorded hand-over intents; deferrals are the temporary
/// failures recorded after them (the letter waited for a later run).
/// </summary>
public sealed record LetterTimeline
{
    public static LetterTimeline Empty { get; } = new();

    public DateTimeOffset? Rendered { get; init; }

    /// <summary>The first time the email was handed over: written to the pickup directory or accepted by the server.</summary>
    public DateTimeOffset? EmailHandedOver { get; init; }

    /// <summary>The first delivery report that confirmed delivery.</summary>
    public DateTimeOffset? EmailDelivered { get; init; }

    /// <summary>The first bounce or failed-delivery report.</summary>
    public DateTimeOffset? EmailBounced { get; init; }

    /// <summary>The first time the server refused the email for good or it could not be sent.</summary>
    public DateTimeOffset? EmailFailed { get; init; }

    /// <summary>The print batch holding the letter was sealed (the letter became real post).</summary>
    public DateTimeOffset? Sealed { get; init; }

    public DateTimeOffset? SubmittedToPrinter { get; init; }

    /// <summary>When CUPS first reported the batch's job completed.</summary>
    public DateTimeOffset? Printed { get; init; }

    public DateTimeOffset? Posted { get; init; }

    public DateTimeOffset? Returned { get; init; }

    /// <summary>The day the post room handed the letter's batch to the carrier (<c>batch posted --date</c>).</summary>
    public DateOnly? PostedOn { get; init; }

    /// <summary>The day the letter came back, as the post room recorded it.</summary>
    public DateOnly? ReturnedOn { get; init; }

    /// <summary>Why it came back, as the post room recorded it.</summary>
    public string? ReturnReason { get; init; }

    public DateTimeOffset? Unreachable { get; init; }

    /// <summary>Email hand-over intents recorded (one per attempt to hand the email over).</summary>
    public int EmailAttempts { get; init; }

    /// <summary>Temporary failures that left the email for a later run.</summary>
    public int EmailDeferrals { get; init; }

    /// <summary>Any email event was recorded.</summary>
    public bool UsedEmail { get; init; }

    /// <summary>The letter was placed in a print batch.</summary>
    public bool UsedPost { get; init; }

    /// <summary>When the patient was first reached: the first email hand-over, else the first postal step.</summary>
    public DateTimeOffset? FirstHandOver =>
        EmailHandedOver ?? Sealed ?? SubmittedToPrinter ?? Posted;
}
