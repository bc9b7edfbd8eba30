using Notices.Campaigns;
using Notices.Ledger;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Ledger;

public sealed class LetterStateProjectorTests
{
    private const string Campaign = "FA830";

    private static Dictionary<string, string> D(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

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
            w.Append(Campaign, "L-email", "P1", LedgerEventKind.LetterRendered, D(("pdf_sha256", "abc")));
            w.Append(Campaign, "L-email", "P1", LedgerEventKind.EmailWritten, D(("message_id", "<m1@example.com>")));
            w.Append(Campaign, "L-print", "P2", LedgerEventKind.LetterRendered);
            w.Append(Campaign, "L-print", "P2", LedgerEventKind.PrintBatched, D(("batch", "batch-0001.pdf"), ("position", "1")));
            w.Append(Campaign, "L-unreach", "P3", LedgerEventKind.Unreachable, D(("reason", "ingen adresse")));
            w.Append(Campaign, "L-fallback", "P4", LedgerEventKind.EmailFailed, D(("reason", "invalid email address")));
            w.Append(Campaign, "L-fallback", "P4", LedgerEventKind.PrintBatched, D(("batch", "batch-0001.pdf"), ("position", "2")));
            w.Append(Campaign, "L-failed", "P5", LedgerEventKind.EmailFailed, D(("reason", "no email address")));
            w.Append(Campaign, "L-ack", "P6", LedgerEventKind.EmailWritten);
            w.Append(Campaign, "L-ack", "P6", LedgerEventKind.Acknowledged);
            w.Append(Campaign, "L-ack", "P6", LedgerEventKind.EmailBounced, D(("reason", "late bounce")));
            w.Append(Campaign, "L-pending", "P7", LedgerEventKind.LetterRendered);
            w.Append("OTHER", "L-other", "P8", LedgerEventKind.EmailWritten);
        });

        Assert.Equal(LetterDeliveryState.Sent, Letter(projection, "L-email").State);
        Assert.Equal(DeliveryChannelKind.Email, Letter(projection, "L-email").Channel);
        Assert.Equal("abc", Letter(projection, "L-email").PdfSha256);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L-print").State);
        Assert.Equal(DeliveryChannelKind.Post, Letter(projection, "L-print").Channel);
        Assert.Equal(LetterDeliveryState.Unreachable, Letter(projection, "L-unreach").State);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L-fallback").State);
        var failed = Letter(projection, "L-failed");
        Assert.Equal(LetterDeliveryState.Failed, failed.State);
        Assert.Contains("no email address", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(LetterDeliveryState.Acknowledged, Letter(projection, "L-ack").State);
        Assert.Equal("EmailBounced", Letter(projection, "L-ack").LastEvent);
        Assert.Equal(LetterDeliveryState.Pending, Letter(projection, "L-pending").State);
        Assert.DoesNotContain(projection.Letters, l => l.LetterId == "L-other");

        Assert.Equal(7, projection.Total);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Sent]);
        Assert.Equal(2, projection.Counts[LetterDeliveryState.Printed]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Unreachable]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Failed]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Acknowledged]);
        Assert.Equal(1, projection.Counts[LetterDeliveryState.Pending]);
        Assert.Equal(3, projection.Outstanding);
    }

    [Fact]
    public void Dsn_delivery_and_bounce_are_counted()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", LedgerEventKind.EmailWritten);
            w.Append(Campaign, "L1", "P1", LedgerEventKind.EmailDelivered);
            w.Append(Campaign, "L2", "P2", LedgerEventKind.EmailWritten);
            w.Append(Campaign, "L2", "P2", LedgerEventKind.EmailBounced, D(("reason", "5.1.1 user unknown")));
            w.Append(Campaign, "L3", "P3", LedgerEventKind.EmailWritten);
            w.Append(Campaign, "L3", "P3", LedgerEventKind.EmailBounced);
            w.Append(Campaign, "L3", "P3", LedgerEventKind.PrintBatched, D(("batch", "batch-0002.pdf")));
        });

        Assert.Equal(LetterDeliveryState.Sent, Letter(projection, "L1").State);
        Assert.True(Letter(projection, "L1").DeliveredByDsn);
        var bounced = Letter(projection, "L2");
        Assert.Equal(LetterDeliveryState.Failed, bounced.State);
        Assert.Equal("email bounced: 5.1.1 user unknown", bounced.Detail);
        Assert.True(bounced.Bounced);
        Assert.Equal(LetterDeliveryState.Printed, Letter(projection, "L3").State);
        Assert.Equal(1, projection.DeliveredByDsn);
        Assert.Equal(2, projection.Bounced);
    }

    [Fact]
    public void Planned_letters_without_events_are_pending_and_batch_level_posting_applies_to_its_letters()
    {
        var projection = Run(
            w =>
            {
                w.Append(Campaign, "L1", "P1", LedgerEventKind.PrintBatched, D(("batch", "batch-0001.pdf")));
                w.Append(Campaign, "L2", "P2", LedgerEventKind.PrintBatched, D(("batch", "batch-0002.pdf")));
                w.Append(Campaign, null, null, LedgerEventKind.BatchPosted, D(("batch", "batch-0001.pdf"), ("date", "2026-11-21")));
                w.Append(Campaign, "L1", "P1", LedgerEventKind.Returned, D(("reason", "ubekendt på adressen")));
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
        Assert.Equal("PrintBatched", l2.LastEvent);
    }

    [Fact]
    public void Batch_posting_updates_last_event_of_letters_in_that_batch()
    {
        var projection = Run(w =>
        {
            w.Append(Campaign, "L1", "P1", LedgerEventKind.PrintBatched, D(("batch", "batch-0001.pdf")));
            w.Append(Campaign, "L2", "P2", LedgerEventKind.PrintBatched, D(("batch", "batch-0002.pdf")));
            w.Append(Campaign, null, null, LedgerEventKind.BatchPosted, D(("batch", "batch-0001.pdf")));
        });

        Assert.Equal("BatchPosted", Letter(projection, "L1").LastEvent);
        Assert.Equal("PrintBatched", Letter(projection, "L2").LastEvent);
    }
}
