using Notices.Campaigns;
using Notices.Model;

namespace Notices.Ledger;

/// <summary>One letter while <see cref="LetterStateProjector"/> replays the ledger: the state comes from <see cref="LetterStateMachine"/>, the rest is bookkeeping.</summary>
internal sealed class LetterAccumulator(string letterId)
{
    public string LetterId { get; } = letterId;
    public string? PatientId { get; set; }
    public string? PdfSha256 { get; set; }
    public DeliveryChannelKind? Channel { get; set; }
    public string? Batch { get; private set; }

    private LetterState _state = LetterState.Planned;
    private LedgerEventKind? _lastKind;
    private DateTimeOffset? _lastAt;
    private string _detail = "";
    private EmailStage _email;
    private string? _messageId;
    private EmailTransport? _intentTransport;
    private int _handOvers;
    private bool _awaitsPost;
    private int _pages;
    private string? _packageSha256;
    private List<string>? _anomalies;
    private LetterDeliveryState? _reachAtAck;
    private LetterAcknowledgement? _acknowledgement;
    private readonly LetterTimelineRecorder _timeline = new();

    public string? ReminderOf { get; private set; }

    public int ReminderNumber { get; private set; }

    public void Apply(LedgerEntry entry, LedgerEvent ledgerEvent)
    {
        _lastKind = entry.Kind;
        _lastAt = entry.At;
        if (ledgerEvent is Acknowledged ack && _acknowledgement is null)
        {
            _reachAtAck = LetterStateMachine.Outcome(_state);
            _acknowledgement = new LetterAcknowledgement(ack.ReceivedOn, ack.Method, ack.Source, entry.At, ack.ViaLetterId, ack.Note);
        }

        var step = LetterStateMachine.Next(_state, ledgerEvent);
        if (step.Anomaly is { } anomaly)
        {
            (_anomalies ??= []).Add($"seq {entry.Seq}: {anomaly}");
        }

        Remember(ledgerEvent);
        _timeline.Note(entry, ledgerEvent);
        if (step.State == _state && ledgerEvent is not (LetterFailed or EmailFailed or Unreachable))
        {
            return;
        }

        _state = step.State;
        _detail = ledgerEvent switch
        {
            EmailFailed f => "email failed: " + f.Reason,
            EmailBounced b => "email bounced: " + (b.Reason ?? "status " + b.Status),
            Returned r => "returned: " + r.Reason,
            Unreachable u => "unreachable: " + u.Reason,
            LetterFailed f => f.Stage + " failed: " + f.Reason,
            _ => entry.Detail,
        };
        Channel = ledgerEvent switch
        {
            EmailSending or EmailWritten or EmailAccepted or EmailDelivered or EmailFailed or EmailBounced => DeliveryChannelKind.Email,
            PrintBatched or BatchSealed or PrintSubmitted or PrintCompleted or PrintFailed or BatchPosted or Returned => DeliveryChannelKind.Post,
            Unreachable => DeliveryChannelKind.Unreachable,
            _ => Channel,
        };
    }

    private void Remember(LedgerEvent ledgerEvent)
    {
        switch (ledgerEvent)
        {
            case ReminderPlanned planned:
                ReminderOf = planned.OriginalLetterId;
                ReminderNumber = planned.Number;
                Channel = planned.Channel;
                break;
            case LetterRendered r:
                PdfSha256 = r.PdfSha256;
                _pages = r.Pages;
                _packageSha256 = r.PackageSha256;
                break;
            case EmailSending s:
                _messageId = s.MessageId;
                _intentTransport = s.Transport;
                _handOvers++;
                PdfSha256 = s.PdfSha256;
                _email = EmailStage.Sending;
                break;
            case EmailWritten w:
                _messageId = w.MessageId;
                _email = EmailStage.Written;
                break;
            case EmailAccepted a:
                _messageId = a.MessageId;
                _email = EmailStage.Accepted;
                break;
            case EmailDelivered:
                _email = EmailStage.Delivered;
                break;
            case EmailDelayed:
                if (_email is EmailStage.Accepted or EmailStage.Written or EmailStage.Sending or EmailStage.None)
                {
                    _email = EmailStage.Delayed;
                }

                break;
            case EmailBounced:
                _email = EmailStage.Bounced;
                break;
            case EmailFailed f:
                _messageId ??= f.MessageId;
                _email = EmailStage.Failed;
                _awaitsPost = string.Equals(f.Fallback, "print", StringComparison.Ordinal);
                break;
            case EmailDeferred:
                if (_email == EmailStage.Sending)
                {
                    _email = EmailStage.None;
                }

                break;
            case PrintBatched p:
                Batch = p.Batch;
                PdfSha256 = p.PdfSha256;
                break;
            case BatchSealed:
                _awaitsPost = false;
                break;
        }
    }

    /// <summary>A reminder known only from its letter row (no ledger row yet) is recognised by its id.</summary>
    public void MarkReminderById()
    {
        if (ReminderOf is null && ReminderIds.TryParse(LetterId, out var original, out var number))
        {
            ReminderOf = original;
            ReminderNumber = number;
        }
    }

    public LetterStatus ToStatus() =>
        new(LetterId, PatientId, LetterStateMachine.Outcome(_state), Channel, _lastKind is { } kind ? LedgerEventCodec.Name(kind) : null, _lastAt, _detail, PdfSha256,
            _email == EmailStage.Delivered, _email == EmailStage.Bounced, _email)
        {
            Stage = _state,
            LastKind = _lastKind,
            Pages = _pages,
            PackageSha256 = _packageSha256,
            MessageId = _messageId,
            IntentTransport = _intentTransport,
            Batch = Batch,
            Anomalies = _anomalies ?? [],
            HandOvers = _handOvers,
            AwaitsPost = _awaitsPost && _state == LetterState.Failed,
            Reach = _reachAtAck ?? LetterStateMachine.Outcome(_state),
            Acknowledgement = _acknowledgement,
            ReminderOf = ReminderOf,
            ReminderNumber = ReminderNumber,
            Timeline = _timeline.Timeline,
        };
}
