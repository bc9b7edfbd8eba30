using Notices.Model;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Ledger;

public sealed class LetterStateProjectorTests
{
    private const string Campaign = "FA830";

    private static LetterRendered Rendered(string sha = "abc") => new(sha, 4, "x.pdf", false, "2026-11-21");

    private static EmailWritten Written(string id = "<m1@example.com>") => new(id, "x.eml", "abc");

    private static PrintBatched Batched(string batch, int position = 1) => new(batch, position, position, 4, "abc");

    private static BatchSealed Sealed(string batch) => new(batch, "feed", 1, 4, "beef");

    private static EmailBounced Bounced(string? reason = null) => new("5.1.1", "failed", "dsn-" + reason, "f", Reason: reason);

    private static CampaignProjection Run(Action<LedgerWriter> write, Action<NoticesDbContext>? seed = null)
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            write(writer);
        }

        // Seeded after the events: a writer refuses to start a chain in a store whose letters already have PDFs.
        seed?.Invoke(store.Db);
        return LetterStateProjector.Project(store.Db, Campaign);
    }

    private static LetterStatus Letter(CampaignProjection projection, string id) =>
        Assert.Single(projection.Letters, l => l.LetterId == id);

    [Fact]
    public void Each_path_ends_in_its_state()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L-email", "P1", Rendered());
            w.Append(Campaign, "L-email", "P1", Written());
            w.Append(Campaign, "L-print", "P2", Rendered());
            w.Append(Campaign, "L-print", "P2", Batched("batch-0001.pdf"));
            w.Append(Campaign, "L-unreach", "P3", new Unreachable("ingen adresse"));
            w.Append(Campaign, "L-fallback", "P4", new EmailFailed("invalid email address"));
            w.Append(Campaign, "L-fallback", "P4", Batched("batch-0001.pdf", 2));
            w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
            w.Append(Campaign, "L-failed", "P5", new EmailFailed("no email address"));
            w.Append(Campaign, "L-ack", "P6", Written());
            w.Append(Campaign, "L-ack", "P6", new Acknowledged(new DateOnly(2026, 12, 1), AckMethod.Post, AckSource.Manual));
            w.Append(Campaign, "L-ack", "P6", Bounced("late bounce"));
            w.Append(Campaign, "L-pending", "P7", Rendered());
            w.Append(Campaign, "L-unsealed", "P9", Batched("batch-0002.pdf"));
            w.Append(Campaign, "L-uncertain", "P10", new EmailSending("<u@example.com>", EmailTransport.Smtp, "abc"));
            w.Append("OTHER", "L-other", "P8", Written());
        });

        Assert.Equal(LetterDeliveryState.Sent, Letter(projection, "L-email").State);
        Assert.Equal(DeliveryChannelKind.Email, Letter(projection, "L-email").Channel);
        Assert.Equal("abc", Letter(projection, "L-email").PdfSha256);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L-print").State);
        Assert.Equal(LetterState.Sealed, Letter(projection, "L-print").Stage);
        Assert.Equal(DeliveryChannelKind.Post, Letter(projection, "L-print").Channel);
        Assert.Equal(LetterDeliveryState.Unreachable, Letter(projection, "L-unreach").State);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L-fallback").State);
        var failed = Letter(projection, "L-failed");
        Assert.Equal(LetterDeliveryState.Failed, failed.State);
        Assert.Contains("no email address", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(LetterDeliveryState.Acknowledged, Letter(projection, "L-ack").State);
        Assert.Equal("EmailBounced", Letter(projection, "L-ack").LastEvent);
        Assert.Equal(LetterDeliveryState.Pending, Letter(projection, "L-pending").State);
        // A place in a batch that was never sealed is not a printed letter.
        Assert.Equal(LetterDeliveryState.Pending, Letter(projection, "L-unsealed").State);
        var uncertain = Letter(projection, "L-uncertain");
        Assert.Equal(LetterDeliveryState.Uncertain, uncertain.State);
        Assert.Equal("<u@example.com>", uncertain.MessageId);
        Assert.Equal(EmailTransport.Smtp, uncertain.IntentTransport);
        Assert.DoesNotContain(projection.Letters, l => l.LetterId == "L-other");

        Assert.Equal(9, projection.Total);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Sent]);
        Assert.Equal(2, projection.Counts[LetterDeliveryState.Printed]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Unreachable]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Failed]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Acknowledged]);
        Assert.Equal(2, projection.Counts[LetterDeliveryState.Pending]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Uncertain]);
        Assert.Equal(5, projection.Outstanding);
    }

    [Fact]
    public void Dsn_delivery_and_bounce_are_counted_and_a_report_resolves_an_uncertain_letter()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", Written());
            w.Append(Campaign, "L1", "P1", new EmailDelivered("2.0.0", "delivered", "d1", "f1"));
            w.Append(Campaign, "L2", "P2", Written());
            w.Append(Campaign, "L2", "P2", Bounced("5.1.1 user unknown"));
            w.Append(Campaign, "L3", "P3", Written());
            w.Append(Campaign, "L3", "P3", Bounced());
            w.Append(Campaign, "L3", "P3", Batched("batch-0002.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0002.pdf"));
            w.Append(Campaign, "L4", "P4", new EmailSending("<m4@example.com>", EmailTransport.Smtp, "abc"));
            w.Append(Campaign, "L4", "P4", new EmailDelivered("2.0.0", "delivered", "d4", "f4", MessageId: "<m4@example.com>"));
        });

        Assert.Equal(LetterDeliveryState.Sent, Letter(projection, "L1").State);
        Assert.True(Letter(projection, "L1").DeliveredByDsn);
        var bounced = Letter(projection, "L2");
        Assert.Equal(LetterDeliveryState.Failed, bounced.State);
        Assert.Equal("email bounced: 5.1.1 user unknown", bounced.Detail);
        Assert.True(bounced.Bounced);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L3").State);
        Assert.Equal(LetterState.Delivered, Letter(projection, "L4").Stage);
        Assert.Equal(2, projection.DeliveredByDsn);
        Assert.Equal(2, projection.Bounced);
    }

    [Fact]
    public void Planned_letters_without_events_are_pending_and_batch_level_posting_applies_to_its_letters()
    {
        var projection = Run(
            w =>
            {
                w.Append(Campaign, "L1", "P1", Batched("batch-0001.pdf"));
                w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
                w.Append(Campaign, "L2", "P2", Batched("batch-0002.pdf"));
                w.Append(Campaign, null, null, Sealed("batch-0002.pdf"));
                w.Append(Campaign, null, null, new BatchPosted("batch-0001.pdf", "2026-11-21"));
                w.Append(Campaign, "L1", "P1", new Returned("ubekendt på adressen"));
            },
            db =>
            {
                db.Letters.Add(new LetterRecord
                {
                    LetterId = "L9", CampaignId = Campaign, PatientId = "P9", Channel = "Post", SnapshotJson = "{}",
                    PdfSha256 = "fff",
                });
                db.SaveChanges();
            });

        var l9 = Letter(projection, "L9");
        Assert.Equal(LetterDeliveryState.Pending, l9.State);
        Assert.Equal("P9", l9.PatientId);
        Assert.Equal(DeliveryChannelKind.Post, l9.Channel);
        Assert.Equal("fff", l9.PdfSha256);

        var l1 = Letter(projection, "L1");
        Assert.Equal(LetterDeliveryState.Failed, l1.State);
        Assert.Equal("returned: ubekendt på adressen", l1.Detail);
        var l2 = Letter(projection, "L2");
        Assert.Equal(LetterDeliveryState.Printed, l2.State);
        Assert.Equal("BatchSealed", l2.LastEvent);
    }

    [Fact]
    public void Batch_posting_updates_last_event_of_letters_in_that_batch()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", Batched("batch-0001.pdf"));
            w.Append(Campaign, "L2", "P2", Batched("batch-0002.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0002.pdf"));
            w.Append(Campaign, null, null, new BatchPosted("batch-0001.pdf"));
        });

        Assert.Equal("BatchPosted", Letter(projection, "L1").LastEvent);
        Assert.Equal(LetterState.Posted, Letter(projection, "L1").Stage);
        Assert.Equal("BatchSealed", Letter(projection, "L2").LastEvent);
    }

    [Fact]
    public void A_letter_refused_with_the_print_fallback_awaits_post_until_its_batch_is_sealed()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", new EmailFailed("550 5.1.1", Fallback: "print"));
            w.Append(Campaign, "L2", "P2", new EmailFailed("550 5.1.1", Fallback: "print"));
            w.Append(Campaign, "L2", "P2", Batched("batch-0001.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
            w.Append(Campaign, "L3", "P3", new EmailFailed("550 5.1.1", Fallback: "none (print fallback off)"));
        });

        Assert.True(Letter(projection, "L1").AwaitsPost);
        Assert.Equal(LetterDeliveryState.Failed, Letter(projection, "L1").State);
        Assert.False(Letter(projection, "L2").AwaitsPost);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L2").State);
        Assert.False(Letter(projection, "L3").AwaitsPost);
    }

    [Fact]
    public void A_letter_sealed_in_a_second_batch_is_an_anomaly_and_stays_in_the_first()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", Batched("batch-0001.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
            w.Append(Campaign, "L1", "P1", Batched("batch-0002.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0002.pdf"));
        });

        var l1 = Letter(projection, "L1");
        Assert.Equal(LetterDeliveryState.Printed, l1.State);
        Assert.Contains(l1.Anomalies, a => a.Contains("second print batch", StringComparison.Ordinal));
        Assert.Single(projection.WithAnomalies);
    }

    [Fact]
    public void An_acknowledged_letter_keeps_its_reach_and_reminders_hang_under_their_original()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", Rendered());
            w.Append(Campaign, "L1", "P1", Written());
            w.Append(Campaign, "L1", "P1", new Acknowledged(new DateOnly(2026, 12, 3), AckMethod.Phone, AckSource.Manual));
            w.Append(Campaign, "L1", "P1", new Acknowledged(new DateOnly(2026, 12, 9), AckMethod.Post, AckSource.File));
            w.Append(Campaign, "L2", "P2", Rendered());
            w.Append(Campaign, "L2", "P2", Batched("batch-0001.pdf"));
            w.Append(Campaign, null, null, Sealed("batch-0001.pdf"));
            w.Append(Campaign, "L2-R1", "P2", new ReminderPlanned("L2", 1, DeliveryChannelKind.Post, new DateOnly(2027, 1, 5)));
            w.Append(Campaign, "L2-R1", "P2", Rendered("r1"));
        });

        var acknowledged = Letter(projection, "L1");
        Assert.Equal(LetterDeliveryState.Acknowledged, acknowledged.State);
        Assert.Equal(LetterDeliveryState.Sent, acknowledged.Reach);
        Assert.Equal(new DateOnly(2026, 12, 3), acknowledged.Acknowledgement?.ReceivedOn);
        Assert.Equal(AckMethod.Phone, acknowledged.Acknowledgement?.Method);
        Assert.Equal(2, projection.Total);
        Assert.Equal(1, projection.Acknowledged);
        Assert.Equal(1, projection.ReachCounts[LetterDeliveryState.Sent]);
        Assert.Equal(1, projection.ReachCounts[LetterDeliveryState.Printed]);
        var reminder = Assert.Single(Letter(projection, "L2").Reminders);
        Assert.Equal("L2-R1", reminder.LetterId);
        Assert.Equal(1, reminder.ReminderNumber);
        Assert.Equal(LetterDeliveryState.Pending, reminder.State);
        Assert.Equal("L2-R1", Assert.Single(projection.Reminders).LetterId);
    }
}
