using Notices.Model;

namespace Notices.Ledger;

/// <summary>Collects a <see cref="LetterTimeline"/> while <see cref="LetterAccumulator"/> replays a letter's events.</summary>
internal sealed class LetterTimelineRecorder
{
    private LetterTimeline _timeline = LetterTimeline.Empty;

    public LetterTimeline Timeline => _timeline;

    public void Note(LedgerEntry entry, LedgerEvent ledgerEvent)
    {
        var at = entry.At;
        var t = _timeline;
        _timeline = ledgerEvent switch
        {
            LetterRendered => t with { Rendered = t.Rendered ?? at },
            EmailSending => t with { EmailAttempts = t.EmailAttempts + 1, UsedEmail = true },
            EmailWritten or EmailAccepted => t with { EmailHandedOver = t.EmailHandedOver ?? at, UsedEmail = true },
            EmailDelivered => t with { EmailDelivered = t.EmailDelivered ?? at, UsedEmail = true },
            EmailBounced => t with { EmailBounced = t.EmailBounced ?? at, UsedEmail = true },
            EmailFailed => t with { EmailFailed = t.EmailFailed ?? at, UsedEmail = true },
            EmailDeferred => t with { EmailDeferrals = t.EmailDeferrals + 1, UsedEmail = true },
            PrintBatched => t with { UsedPost = true },
            BatchSealed => t with { Sealed = t.Sealed ?? at, UsedPost = true },
            PrintSubmitted => t with { SubmittedToPrinter = t.SubmittedToPrinter ?? at, UsedPost = true },
            PrintCompleted => t with { Printed = t.Printed ?? at, UsedPost = true },
            BatchPosted p => t with { Posted = t.Posted ?? at, PostedOn = t.PostedOn ?? Day(p.Date), UsedPost = true },
            Returned r => t.Returned is null
                ? t with { Returned = at, ReturnedOn = Day(r.Date), ReturnReason = r.Reason, UsedPost = true }
                : t,
            Unreachable => t with { Unreachable = t.Unreachable ?? at },
            _ => t,
        };
    }

    private static DateOnly? Day(string? iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day
            : null;
}
