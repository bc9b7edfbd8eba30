using Notices.Campaigns;

namespace Notices.Ledger;

/// <summary>Mutable per-letter state while <see cref="LetterStateProjector"/> replays the ledger.</summary>
internal sealed class LetterAccumulator(string letterId)
{
    public string LetterId { get; } = letterId;
    public string? PatientId { get; set; }
    public string? PdfSha256 { get; set; }
    public DeliveryChannelKind? Channel { get; set; }
    public string? Batch { get; private set; }

    private LetterDeliveryState _state = LetterDeliveryState.Pending;
    private string? _lastEvent;
    private DateTimeOffset? _lastAt;
    private string _detail = "";
    private bool _deliveredByDsn;
    private bool _bounced;
    private EmailStage _email;

    public void Apply(LedgerEntry entry, IReadOnlyDictionary<string, string> detail)
    {
        _lastEvent = entry.Kind;
        _lastAt = entry.At;
        if (detail.TryGetValue("pdf_sha256", out var sha) || detail.TryGetValue("sha256", out sha))
        {
            PdfSha256 = sha;
        }

        if (!Enum.TryParse<LedgerEventKind>(entry.Kind, ignoreCase: false, out var kind))
        {
            return;
        }

        if (_state == LetterDeliveryState.Acknowledged)
        {
            return;
        }

        switch (kind)
        {
            case LedgerEventKind.LetterRendered:
            case LedgerEventKind.ReminderSent:
            case LedgerEventKind.EmailDeferred:
                break;
            case LedgerEventKind.EmailWritten:
            case LedgerEventKind.EmailAccepted:
                _email = kind == LedgerEventKind.EmailWritten ? EmailStage.Written : EmailStage.Accepted;
                Set(LetterDeliveryState.Sent, DeliveryChannelKind.Email, entry.Detail);
                _bounced = false;
                break;
            case LedgerEventKind.EmailDelivered:
                Set(LetterDeliveryState.Sent, DeliveryChannelKind.Email, entry.Detail);
                _deliveredByDsn = true;
                _bounced = false;
                _email = EmailStage.Delivered;
                break;
            case LedgerEventKind.EmailDelayed:
                if (_email is EmailStage.Accepted or EmailStage.Written or EmailStage.None)
                {
                    _email = EmailStage.Delayed;
                }

                if (_state == LetterDeliveryState.Pending)
                {
                    Set(LetterDeliveryState.Sent, DeliveryChannelKind.Email, entry.Detail);
                }

                break;
            case LedgerEventKind.EmailFailed:
            case LedgerEventKind.EmailBounced:
                if (kind == LedgerEventKind.EmailBounced)
                {
                    _bounced = true;
                    _deliveredByDsn = false;
                }

                _email = kind == LedgerEventKind.EmailBounced ? EmailStage.Bounced : EmailStage.Failed;

                if (_state != LetterDeliveryState.Printed)
                {
                    var prefix = kind == LedgerEventKind.EmailBounced ? "email bounced" : "email failed";
                    Set(LetterDeliveryState.Failed, DeliveryChannelKind.Email, Reason(prefix, detail));
                }

                break;
            case LedgerEventKind.PrintBatched:
            case LedgerEventKind.PrintSubmitted:
            case LedgerEventKind.BatchPosted:
                if (kind == LedgerEventKind.PrintBatched && detail.TryGetValue("batch", out var batch))
                {
                    Batch = batch;
                }

                Set(LetterDeliveryState.Printed, DeliveryChannelKind.Post, entry.Detail);
                break;
            case LedgerEventKind.Returned:
                if (_state != LetterDeliveryState.Sent)
                {
                    Set(LetterDeliveryState.Failed, DeliveryChannelKind.Post, Reason("returned", detail));
                }

                break;
            case LedgerEventKind.Unreachable:
                if (_state is LetterDeliveryState.Pending or LetterDeliveryState.Failed)
                {
                    Set(LetterDeliveryState.Unreachable, DeliveryChannelKind.Unreachable, Reason("unreachable", detail));
                }

                break;
            case LedgerEventKind.Acknowledged:
                _state = LetterDeliveryState.Acknowledged;
                _detail = entry.Detail;
                break;
        }
    }

    public LetterStatus ToStatus() =>
        new(LetterId, PatientId, _state, Channel, _lastEvent, _lastAt, _detail, PdfSha256, _deliveredByDsn, _bounced, _email);

    private void Set(LetterDeliveryState state, DeliveryChannelKind channel, string detail)
    {
        _state = state;
        Channel = channel;
        _detail = detail;
    }

    private static string Reason(string prefix, IReadOnlyDictionary<string, string> detail) =>
        detail.TryGetValue("reason", out var reason) && !string.IsNullOrWhiteSpace(reason)
            ? prefix + ": " + reason
            : prefix;
}
