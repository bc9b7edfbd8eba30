namespace Notices.Confirmations;

/// <summary>
/// What one received message says about one of our emails. Holds no address: <see cref="Diagnostic"/> is already
/// redacted and the report's recipient fields are not kept.
/// </summary>
public sealed record ConfirmationMessage
{
    public required ConfirmationKind Kind { get; init; }
    /// <summary>Null for <see cref="ConfirmationKind.Other"/> and for a report whose actions are all unknown.</summary>
    public DsnOutcome? Outcome { get; init; }
    /// <summary>The report's Action (lower case); "failed" for a plain bounce.</summary>
    public string? Action { get; init; }
    /// <summary>The enhanced status code, e.g. 5.1.1, or "unknown".</summary>
    public string? Status { get; init; }
    /// <summary>Diagnostic-Code with every address replaced by &lt;redacted&gt;, white space collapsed.</summary>
    public string? Diagnostic { get; init; }
    public string? WillRetryUntil { get; init; }
    /// <summary>The Message-ID of our email that the report is about, angle brackets included.</summary>
    public string? OriginalMessageId { get; init; }
    /// <summary>The report's own Message-ID header.</summary>
    public string? MessageId { get; init; }
    /// <summary>Original-Envelope-Id of a delivery report (RFC 3464 2.2.1), when it has one; the SMTP channel
    /// sends the Message-ID as ENVID, so one that is there must name a Message-ID recorded for the letter.</summary>
    public string? OriginalEnvelopeId { get; init; }
    /// <summary>The letter id from the bounces+&lt;letter-id&gt;.&lt;tag&gt;@ address, as received.</summary>
    public string? VerpLetterId { get; init; }
    /// <summary>The tag of that address, as received (not verified); null when the address has none.</summary>
    public string? VerpTag { get; init; }
    /// <summary>The message came from a mail system: null envelope sender (Return-Path: &lt;&gt;), or From
    /// MAILER-DAEMON or postmaster. Says nothing about who really sent it; only used for bounces that name no Message-ID.</summary>
    public bool FromMailSystem { get; init; }
}
