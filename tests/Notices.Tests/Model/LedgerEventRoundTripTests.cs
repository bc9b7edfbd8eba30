using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Xunit;

namespace Notices.Tests.Model;

/// <summary>Every event kind has one record type, and every record goes through the store and comes back equal.</summary>
public sealed class LedgerEventRoundTripTests
{
    /// <summary>One filled-in example per kind; the test fails when a kind is added without one.</summary>
    private static readonly LedgerEvent[] Examples =
    [
        new LetterRendered("a1", 4, "FA830-DK-000001.pdf", true, "2026-11-21", "p1"),
        new EmailWritten("<m@x.test>", "FA830-DK-000001.eml", "a1", Recovered: true),
        new EmailAccepted("<m@x.test>", "a1", "127.0.0.1:2525", 2, "250 2.0.0 Ok: queued as 4FqXyZ"),
        new EmailFailed("550 user unknown", "550 5.1.1", "<m@x.test>", 1, "print"),
        new EmailDelivered("2.0.0", "delivered", "<d@x.test>", "f1", "250 ok", "<m@x.test>"),
        new EmailDelayed("4.4.1", "delayed", "<d2@x.test>", "f2", WillRetryUntil: "Mon, 23 Nov 2026 10:00:00 +0100"),
        new EmailBounced("5.1.1", "failed", "sha256:00", "f3", "<redacted>", "<m@x.test>", "status 5.1.1"),
        new PrintBatched("batch-0001.pdf", 3, 9, 4, "a1", 1),
        new PrintSubmitted("batch-0001.pdf", "cups-pdf", "17", "FA830 batch-0001", "two-sided-long-edge", Reprint: true),
        new PrintCompleted("batch-0001.pdf", "cups-pdf", "17", "job-completed-successfully"),
        new PrintFailed("batch-0001.pdf", "cups-pdf", "18", "aborted", "job-aborted-by-system: filter failed"),
        new BatchPosted("batch-0001.pdf", "2026-11-22"),
        new Returned("ubekendt på adressen", "2026-12-03"),
        new Unreachable("ingen adresse og intet samtykke til e-mail"),
        new Acknowledged(new DateOnly(2026, 12, 1), AckMethod.Post, AckSource.File, "æøå", "FA830-DK-000001-R1", "<r@x.test>"),
        new ReminderPlanned("FA830-DK-000001", 1, Notices.Campaigns.DeliveryChannelKind.Post, new DateOnly(2027, 1, 2), "email bounced"),
        new EmailDeferred("greylisted", "451 4.7.1", 3, "<m@x.test>"),
        new EmailSending("<m@x.test>", EmailTransport.Smtp, "a1", Resend: true),
        new BatchSealed("batch-0001.pdf", "b2", 500, 2010, "c3"),
        new BatchDiscarded("batch-0002.pdf", "batch-0002.pdf.unsealed", "not sealed"),
        new LetterFailed("render", "the character U+674E cannot be printed"),
        new CampaignOpened("FA830", 2247),
        new PackageApproved("p1", "Åse Ørum (RA)", "proof reviewed", [new PackageFileHash("letter.md", 1200, "f1"), new PackageFileHash("logo/logo.png", 9000, "f2")]),
        new UnapprovedRun("p2", "send", "p1"),
    ];

    [Fact]
    public void Every_kind_has_exactly_one_example_and_record_type()
    {
        var kinds = Enum.GetValues<LedgerEventKind>().Where(k => k != LedgerEventKind.Unknown).ToList();
        Assert.Equal(kinds.Order(), Examples.Select(e => e.Kind).Order());
        Assert.All(kinds, k => Assert.Equal(k, LedgerEventCodec.KindOf(LedgerEventCodec.TypeOf(k))));
    }

    [Fact]
    public void Every_kind_round_trips_through_the_store()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            foreach (var e in Examples)
            {
                writer.Append("FA830", "FA830-DK-000001", "P1", e);
            }
        }

        var rows = store.Db.Ledger.AsNoTracking().OrderBy(r => r.Seq).ToList();
        Assert.Equal(Examples.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Examples[i].Kind, rows[i].Kind);
            Assert.Equal(Examples[i], rows[i].ReadEvent());
        }

        // Stored by name, in snake_case, with æøå readable, so an auditor with sqlite3 can read the rows.
        Assert.Equal("EmailSending", store.Scalar("SELECT Kind FROM ledger WHERE Seq = 18"));
        Assert.Contains("\"pdf_sha256\":\"a1\"", (string)store.Scalar("SELECT Detail FROM ledger WHERE Seq = 1")!, StringComparison.Ordinal);
        Assert.Contains("ubekendt på adressen", (string)store.Scalar("SELECT Detail FROM ledger WHERE Seq = 13")!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_edited_to_an_unknown_kind_or_broken_detail_reads_as_unknown_and_never_throws()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            writer.Append("FA830", "FA830-DK-000001", "P1", new Unreachable("x"));
            writer.Append("FA830", "FA830-DK-000002", "P2", new Unreachable("y"));
        }

        store.Execute("UPDATE ledger SET Kind = 'Teleported' WHERE Seq = 1");
        store.Execute("UPDATE ledger SET Detail = '{not json' WHERE Seq = 2");

        var rows = store.Db.Ledger.AsNoTracking().OrderBy(r => r.Seq).ToList();
        Assert.Equal(LedgerEventKind.Unknown, rows[0].Kind);
        Assert.IsType<UnknownEvent>(rows[0].ReadEvent());
        Assert.IsType<UnknownEvent>(rows[1].ReadEvent());
        var projection = LetterStateProjector.Project(store.Db, "FA830");
        Assert.All(projection.Letters, l => Assert.Equal(LetterDeliveryState.Pending, l.State));
    }

    [Fact]
    public void A_letter_rendered_row_written_before_packages_were_hashed_still_reads_and_verifies()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            // Null is left out of the detail, so this row is byte for byte what an older version wrote.
            writer.Append("FA830", "FA830-DK-000001", "P1", new LetterRendered("a1", 4, "FA830-DK-000001.pdf", false, "2026-11-21"));
            writer.Append("FA830", "FA830-DK-000002", "P2", new LetterRendered("a2", 4, "FA830-DK-000002.pdf", false, "2026-11-21", "p1"));
        }

        var old = (string)store.Scalar("SELECT Detail FROM ledger WHERE Seq = 1")!;
        Assert.Equal("{\"pdf_sha256\":\"a1\",\"pages\":4,\"file\":\"FA830-DK-000001.pdf\",\"large_print\":false,\"date\":\"2026-11-21\"}", old);
        Assert.Contains("\"package_sha256\":\"p1\"", (string)store.Scalar("SELECT Detail FROM ledger WHERE Seq = 2")!, StringComparison.Ordinal);
        var rows = store.Db.Ledger.AsNoTracking().OrderBy(r => r.Seq).ToList();
        Assert.Null(Assert.IsType<LetterRendered>(rows[0].ReadEvent()).PackageSha256);
        Assert.Equal("p1", Assert.IsType<LetterRendered>(rows[1].ReadEvent()).PackageSha256);
        Assert.True(LedgerVerifier.Verify(store.Db, null).IsValid);
        var letters = LetterStateProjector.Project(store.Db, "FA830").Letters;
        Assert.Equal([null, "p1"], letters.Select(l => l.PackageSha256));
    }

    [Fact]
    public void An_email_accepted_row_written_before_the_reply_was_kept_still_reads_and_a_new_one_keeps_the_queue_id()
    {
        var old = LedgerEventCodec.Deserialize(LedgerEventKind.EmailAccepted,
            "{\"message_id\":\"<m@x.test>\",\"pdf_sha256\":\"a1\",\"server\":\"127.0.0.1:2525\",\"attempts\":1}");
        var accepted = Assert.IsType<EmailAccepted>(old);
        Assert.Null(accepted.Reply);
        Assert.Equal("127.0.0.1:2525", accepted.Server);
        Assert.DoesNotContain("reply", LedgerEventCodec.Serialize(accepted), StringComparison.Ordinal);
        Assert.Contains("\"reply\":\"250 2.0.0 Ok: queued as 4FqXyZ\"",
            LedgerEventCodec.Serialize(accepted with { Reply = "250 2.0.0 Ok: queued as 4FqXyZ" }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_machine_never_leaves_acknowledged_and_an_uncertain_letter_is_resolved_by_a_report()
    {
        Assert.Equal(LetterState.Acknowledged, LetterStateMachine.Next(LetterState.Acknowledged, new EmailBounced("5.1.1", "failed", "k", "f")).State);
        Assert.Equal(LetterState.Delivered, LetterStateMachine.Next(LetterState.Sending, new EmailDelivered("2.0.0", "delivered", "k", "f")).State);
        Assert.Equal(LetterState.Rendered, LetterStateMachine.Next(LetterState.Sending, new EmailDeferred("451")).State);
        Assert.Equal(LetterDeliveryState.Uncertain, LetterStateMachine.Outcome(LetterState.Sending));
        Assert.Equal(LetterDeliveryState.Pending, LetterStateMachine.Outcome(LetterState.Batched));
        var second = LetterStateMachine.Next(LetterState.Sealed, new PrintBatched("batch-0002.pdf", 1, 1, 4, "a"));
        Assert.Equal(LetterState.Sealed, second.State);
        Assert.NotNull(second.Anomaly);
    }
}
