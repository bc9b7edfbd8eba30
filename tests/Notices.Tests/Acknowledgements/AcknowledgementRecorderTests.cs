using System.Diagnostics;
using Notices.Acknowledgements;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Xunit;

namespace Notices.Tests.Acknowledgements;

public sealed class AcknowledgementRecorderTests : IDisposable
{
    private const string Campaign = "fa830-test";
    private const string Other = "fa999-test";
    private static readonly DateOnly Received = new(2026, 11, 20);

    private readonly LedgerTestStore _store = new();

    public AcknowledgementRecorderTests()
    {
        AckTestStore.AddCampaign(_store, Campaign, "FA830", 5);
        AckTestStore.AddCampaign(_store, Other, "FA999", 2);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Records_each_letter_once_on_its_campaign()
    {
        var outcome = Recorder().Record(Campaign, [Ack("FA830-DK-000001", 1), Ack(" fa830-dk-000002 ", 2)], AckPolicy.AllOrNothing);

        Assert.Empty(outcome.Problems);
        Assert.Equal(["FA830-DK-000001", "FA830-DK-000002"], outcome.Recorded.Select(r => r.LetterId));
        Assert.All(outcome.Recorded, r => Assert.Null(r.ViaLetterId));
        var projection = LetterStateProjector.Project(_store.Db, Campaign);
        Assert.Equal(2, projection.Acknowledged);
        var ack = projection.Letters.Single(l => l.LetterId == "FA830-DK-000002").Acknowledgement!;
        Assert.Null(ack.ViaLetterId); // the id was typed with spaces and in lower case: still the letter itself
        Assert.Equal(Received, ack.ReceivedOn);
    }

    [Fact]
    public void Any_problem_records_nothing_and_every_problem_keeps_its_line()
    {
        Recorder().Record(Campaign, [Ack("FA830-DK-000005", 1)], AckPolicy.AllOrNothing);
        var rows = LedgerRows();

        var outcome = Recorder().Record(Campaign,
        [
            Ack("FA830-DK-000001", 2),
            Ack("FA830-DK-000099", 3),
            Ack("FA999-DK-000001", 4),
            Ack("FA830-DK-000005", 5),
            Ack("FA830-DK-000001", 6),
            Ack("FA830-DK-000002", 7) with { ReceivedOn = new DateOnly(2026, 12, 24) },
            Ack("FA830-DK-000003", 8) with { ReceivedOn = new DateOnly(2026, 11, 1) },
        ], AckPolicy.AllOrNothing);

        Assert.Empty(outcome.Recorded);
        Assert.True(outcome.RecordedNothingBecauseOfProblems);
        Assert.Equal(rows, LedgerRows());
        Assert.Equal(
            [(3, AckProblemKind.UnknownLetter), (4, AckProblemKind.OtherCampaign), (5, AckProblemKind.AlreadyAcknowledged),
             (6, AckProblemKind.Duplicate), (7, AckProblemKind.FutureDate), (8, AckProblemKind.BeforeLetter)],
            outcome.Problems.Select(p => (p.Request.Line!.Value, p.Kind)));
        Assert.Contains("also on line 2", outcome.Problems[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_id_acknowledges_its_original_and_an_unmade_reminder_is_unknown()
    {
        using (var writer = new LedgerWriter(_store.Db))
        {
            writer.AppendDurably(new LetterEvent(Campaign, "FA830-DK-000003-R1", "FA830-P3",
                new ReminderPlanned("FA830-DK-000003", 1, DeliveryChannelKind.Post, new DateOnly(2026, 11, 10))));
        }

        var unknown = Recorder().Record(Campaign, [Ack("FA830-DK-000003-R2", 1)], AckPolicy.AllOrNothing);
        Assert.Equal(AckProblemKind.UnknownLetter, Assert.Single(unknown.Problems).Kind);

        var outcome = Recorder().Record(Campaign, [Ack("FA830-DK-000003-R1", 1)], AckPolicy.AllOrNothing);

        var recorded = Assert.Single(outcome.Recorded);
        Assert.Equal(("FA830-DK-000003", "FA830-DK-000003-R1"), (recorded.LetterId, recorded.ViaLetterId));
        var status = LetterStateProjector.Project(_store.Db, Campaign).Letters.Single(l => l.LetterId == "FA830-DK-000003");
        Assert.Equal("FA830-DK-000003-R1", status.Acknowledgement!.ViaLetterId);

        var again = Recorder().Record(Campaign, [Ack("FA830-DK-000003", 1)], AckPolicy.AllOrNothing);
        Assert.Equal(AckProblemKind.AlreadyAcknowledged, Assert.Single(again.Problems).Kind);
    }

    [Fact]
    public void Idempotent_skips_what_is_already_acknowledged_and_records_the_rest()
    {
        Recorder().Record(null, [Ack("FA830-DK-000001", 1)], AckPolicy.Idempotent);

        var outcome = Recorder().Record(null,
            [Ack("FA830-DK-000001", 1), Ack("FA999-DK-000002", 2), Ack("FA999-DK-000002", 3), Ack("NOPE", 4)], AckPolicy.Idempotent);

        Assert.Equal(["FA999-DK-000002"], outcome.Recorded.Select(r => r.LetterId));
        Assert.Equal(Other, outcome.Recorded[0].CampaignId);
        Assert.Equal(2, outcome.Skipped);
        Assert.Equal(AckProblemKind.UnknownLetter, Assert.Single(outcome.Problems).Kind);
    }

    [Fact]
    public void A_note_is_stored_as_one_clean_line_of_at_most_500_characters()
    {
        var note = "=HYPERLINK(\"http://evil.example\")\r\n\u202Eskjult\u0000" + new string('å', 10_000);

        Recorder().Record(Campaign, [Ack("FA830-DK-000004", 1) with { Note = note }], AckPolicy.Idempotent);

        var stored = LetterStateProjector.Project(_store.Db, Campaign).Letters.Single(l => l.LetterId == "FA830-DK-000004").Acknowledgement!.Note!;
        Assert.Equal(AckNote.MaxLength, stored.Length);
        Assert.StartsWith("=HYPERLINK(\"http://evil.example\") skjult åå", stored, StringComparison.Ordinal);
        Assert.EndsWith("…", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, char.IsControl);
    }

    [Fact]
    public void Fifty_thousand_acknowledgements_are_checked_and_recorded_in_seconds()
    {
        const string big = "big-test";
        AckTestStore.AddCampaign(_store, big, "BIG", 50_000);
        var requests = Enumerable.Range(1, 50_000).Select(i => Ack(AckTestStore.LetterId("BIG", i), i + 1)).ToList();

        var clock = Stopwatch.StartNew();
        var outcome = Recorder().Record(big, requests, AckPolicy.AllOrNothing);
        clock.Stop();

        Assert.Empty(outcome.Problems);
        Assert.Equal(50_000, outcome.Recorded.Count);
        Assert.Equal(50_000, LetterStateProjector.Project(_store.Db, big).Acknowledged);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    private AcknowledgementRecorder Recorder() =>
        new(_store.Db, new FixedTime(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)));

    private static AckRequest Ack(string letterId, int line) => new(letterId, Received, AckMethod.Post, AckSource.File) { Line = line };

    private long LedgerRows() => (long)_store.Scalar("SELECT COUNT(*) FROM ledger")!;
}
