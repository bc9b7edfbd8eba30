using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;

namespace Notices.Tests.Reports;

/// <summary>A campaign's ledger written by hand, event by event with chosen times, projected without a store.</summary>
public sealed class HandLedger(string campaign)
{
    private readonly List<LedgerEntry> _entries = [];

    public static readonly DateTimeOffset Day0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    public string Campaign { get; } = campaign;

    public HandLedger Add(string? letterId, string? patientId, int day, LedgerEvent ledgerEvent, int minute = 0)
    {
        _entries.Add(new LedgerEntry
        {
            Seq = _entries.Count + 1,
            CampaignId = Campaign,
            LetterId = letterId,
            PatientId = patientId,
            Kind = LedgerEventCodec.KindOf(ledgerEvent.GetType()),
            Detail = LedgerEventCodec.Serialize(ledgerEvent),
            At = Day0.AddDays(day).AddMinutes(minute + _entries.Count),
        });
        return this;
    }

    /// <summary>The rows written so far, in Seq order.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public CampaignProjection Project() => LetterStateProjector.Project(Campaign, _entries);

    public static LetterRendered Rendered() => new("ab12", 3, "x.pdf", false, "2026-11-02");

    public static EmailSending Sending(string id, EmailTransport transport = EmailTransport.Smtp) => new("<" + id + "@example.test>", transport, "ab12");

    public static EmailAccepted Accepted(string id) => new("<" + id + "@example.test>", "ab12", "127.0.0.1:2525", 1);

    public static EmailDelivered Delivered(string id) => new("2.0.0", "delivered", "dsn-d-" + id, "d.eml");

    public static EmailBounced Bounced(string id) => new("5.1.1", "failed", "dsn-b-" + id, "b.eml", Reason: "mailbox unknown");

    public static PrintBatched Batched(string batch, int position) => new(batch, position, position, 3, "ab12");

    public static BatchSealed Sealed(string batch) => new(batch, "feed", 1, 3, "beef");

    /// <summary>
    /// Nine affected patients, one per path: email acknowledged (DSN confirmed), post acknowledged, email bounced
    /// (reminded by post), post returned, unreachable, uncertain (SMTP intent, no outcome), failed (not made), email
    /// accepted only after a deferral (reminded by email, acknowledged via the reminder), and email bounced then post.
    /// </summary>
    public static HandLedger NinePatients(string campaign = "EFF", string patient1 = "P1", string? ackNote = null)
    {
        var l = new HandLedger(campaign);
        string Id(int n) => campaign + "-" + n.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        l.Add(Id(1), patient1, 0, Rendered()).Add(Id(1), patient1, 0, Sending("m1")).Add(Id(1), patient1, 0, Accepted("m1"))
            .Add(Id(1), patient1, 1, Delivered("m1"))
            .Add(Id(1), patient1, 3, new Acknowledged(new DateOnly(2026, 11, 5), AckMethod.Email, AckSource.EmailReply, ackNote));
        l.Add(Id(2), "P2", 0, Rendered()).Add(Id(2), "P2", 0, Batched("B1", 1)).Add(null, null, 0, Sealed("B1"))
            .Add(null, null, 0, new PrintSubmitted("B1", "q")).Add(null, null, 1, new BatchPosted("B1"))
            .Add(Id(2), "P2", 4, new Acknowledged(new DateOnly(2026, 11, 6), AckMethod.Post, AckSource.Manual));
        l.Add(Id(3), "P3", 0, Rendered()).Add(Id(3), "P3", 0, Sending("m3")).Add(Id(3), "P3", 0, Accepted("m3")).Add(Id(3), "P3", 1, Bounced("m3"));
        l.Add(Id(4), "P4", 0, Rendered()).Add(Id(4), "P4", 0, Batched("B2", 1)).Add(null, null, 0, Sealed("B2"))
            .Add(null, null, 1, new BatchPosted("B2")).Add(Id(4), "P4", 5, new Returned("ubekendt adresse"));
        l.Add(Id(5), "P5", 0, new Unreachable("no address, no email"));
        l.Add(Id(6), "P6", 0, Rendered()).Add(Id(6), "P6", 0, Sending("m6"));
        l.Add(Id(7), "P7", 0, new LetterFailed("render", "missing glyph U+674E"));
        l.Add(Id(8), "P8", 0, Rendered()).Add(Id(8), "P8", 0, Sending("m8")).Add(Id(8), "P8", 0, new EmailDeferred("421 busy", "4.3.2", 3, "<m8@example.test>"))
            .Add(Id(8), "P8", 2, Sending("m8")).Add(Id(8), "P8", 2, Accepted("m8"));
        l.Add(Id(9), "P9", 0, Rendered()).Add(Id(9), "P9", 0, Sending("m9")).Add(Id(9), "P9", 0, Accepted("m9")).Add(Id(9), "P9", 1, Bounced("m9"))
            .Add(Id(9), "P9", 2, Batched("B3", 1));
        l.Add(Id(3) + "-R1", "P3", 2, new ReminderPlanned(Id(3), 1, DeliveryChannelKind.Post, new DateOnly(2026, 11, 4)))
            .Add(Id(3) + "-R1", "P3", 2, Rendered()).Add(Id(3) + "-R1", "P3", 2, Batched("B3", 2));
        l.Add(null, null, 2, Sealed("B3"));
        l.Add(Id(8) + "-R1", "P8", 6, new ReminderPlanned(Id(8), 1, DeliveryChannelKind.Email, new DateOnly(2026, 11, 8)))
            .Add(Id(8) + "-R1", "P8", 6, Rendered()).Add(Id(8) + "-R1", "P8", 6, Sending("m8r")).Add(Id(8) + "-R1", "P8", 6, Accepted("m8r"))
            .Add(Id(8), "P8", 7, new Acknowledged(new DateOnly(2026, 11, 9), AckMethod.Web, AckSource.Manual, ViaLetterId: Id(8) + "-R1"));
        return l;
    }
}
