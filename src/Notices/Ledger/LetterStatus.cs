using Notices.Campaigns;
using Notices.Model;

namespace Notices.Ledger;

/// <summary>The projected state of one letter. <see cref="Detail"/> is the failure reason, or the last deciding event's detail.</summary>
public sealed record LetterStatus(
    string LetterId,
    string? PatientId,
    LetterDeliveryState State,
    DeliveryChannelKind? Channel,
    string? LastEvent,
    DateTimeOffset? LastEventAt,
    string Detail,
    string? PdfSha256,
    bool DeliveredByDsn,
    bool Bounced,
    EmailStage Email = EmailStage.None)
{
    /// <summary>The kind of the last event (<see cref="LastEvent"/> is its stored name, for reports).</summary>
    public LedgerEventKind? LastKind { get; init; }

    /// <summary>The SHA-256 of the notice package the last rendering was made from; null when not rendered, or rendered before packages were hashed.</summary>
    public string? PackageSha256 { get; init; }

    /// <summary>Pages of the PDF the last rendering recorded (0 when not rendered).</summary>
    public int Pages { get; init; }

    /// <summary>The fine-grained state from <see cref="LetterStateMachine"/>.</summary>
    public LetterState Stage { get; init; } = LetterState.Planned;

    /// <summary>The Message-ID this letter's email carries (one per letter, kept across runs and resends).</summary>
    public string? MessageId { get; init; }

    /// <summary>How the last email intent was to be handed over (for an uncertain letter: pickup can be checked, SMTP cannot).</summary>
    public EmailTransport? IntentTransport { get; init; }

    /// <summary>The print batch the letter was last placed in.</summary>
    public string? Batch { get; init; }

    /// <summary>Events that made no sense in the state they met (a second sealed batch, email after print).</summary>
    public IReadOnlyList<string> Anomalies { get; init; } = [];

    /// <summary>How many times the email was handed over (intents); more than one means identifiable duplicates may exist.</summary>
    public int HandOvers { get; init; }

    /// <summary>Refused for good by the email server with the print fallback decided, and not yet in a sealed batch
    /// (the run was stopped in between): the next send puts it in a batch.</summary>
    public bool AwaitsPost { get; init; }

    /// <summary>How far delivery got, never <see cref="LetterDeliveryState.Acknowledged"/>: for an acknowledged letter, the
    /// state it had reached when the acknowledgement came (reach and acknowledgement are counted apart in reports).</summary>
    public LetterDeliveryState Reach { get; init; }

    /// <summary>The acknowledgement, when the patient gave one.</summary>
    public LetterAcknowledgement? Acknowledgement { get; init; }

    /// <summary>For a reminder letter: the original letter it reminds of; null for an original letter.</summary>
    public string? ReminderOf { get; init; }

    /// <summary>For a reminder letter: its number (round), 1 for the first reminder.</summary>
    public int ReminderNumber { get; init; }

    /// <summary>For an original letter: its reminders, by number (a reminder's own status says how far it got).</summary>
    public IReadOnlyList<LetterStatus> Reminders { get; init; } = [];

    /// <summary>When each step of the letter's life was first recorded, and its email attempts.</summary>
    public LetterTimeline Timeline { get; init; } = LetterTimeline.Empty;
}
