using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Reminders;
using Notices.Tests.Ledger;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>The due rule on letter histories replayed by the real projector.</summary>
public sealed class ReminderDueRuleTests
{
    private const string Campaign = "fa830-test";
    private const string Id = "FA830-DK-000001";
    private static readonly DateOnly Sent = new(2026, 11, 21);
    private static readonly DateOnly Later = Sent.AddDays(31);

    /// <summary>Events of the original letter (a ReminderPlanned goes on its reminder's id).</summary>
    private static LetterStatus History(params LedgerEvent[] events) =>
        HistoryOf([.. events.Select(e => (e is ReminderPlanned p ? ReminderIds.For(p.OriginalLetterId, p.Number) : Id, e))]);

    private static LetterStatus HistoryOf(params (string LetterId, LedgerEvent Event)[] events)
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            foreach (var (letterId, e) in events)
            {
                writer.Append(Campaign, letterId, "P1", e);
            }
        }

        return Assert.Single(LetterStateProjector.Project(store.Db, Campaign).Letters);
    }

    private static ReminderFacts Facts(LetterStatus status, bool postal = true, string? email = "p@patients.test") => new(status)
    {
        LetterDate = Sent,
        HandedOverOn = Sent,
        HasPostalAddress = postal,
        UsableEmail = email,
        ReminderAsOf = status.Reminders.ToDictionary(r => r.ReminderNumber, _ => Sent.AddDays(31)),
    };

    private static LetterRendered Rendered() => new("abc", 3, Id + ".pdf", false, "2026-11-21");

    private static EmailWritten Written() => new("<m@x.test>", Id + ".eml", "abc");

    [Fact]
    public void A_reached_patient_is_due_once_the_interval_has_passed_and_not_before()
    {
        var status = History(Rendered(), Written());

        var due = ReminderDueRule.Decide(Facts(status), Later, 30);
        var early = ReminderDueRule.Decide(Facts(status), Sent.AddDays(29), 30);

        Assert.Equal(ReminderVerdict.Due, due.Verdict);
        Assert.Equal(DeliveryChannelKind.Email, due.Channel);
        Assert.False(due.SwitchedChannel);
        Assert.Equal(Id + "-R1", due.ReminderId);
        Assert.Equal(ReminderVerdict.NotYet, early.Verdict);
        Assert.Equal(ReminderVerdict.Due, ReminderDueRule.Decide(Facts(status), Sent.AddDays(30), 30).Verdict);
    }

    [Fact]
    public void A_bounced_email_is_reminded_by_post_when_there_is_an_address_and_listed_when_not()
    {
        var status = History(Rendered(), Written(), new EmailBounced("5.1.1", "failed", "dsn-1", "f", Reason: "no such user"));

        var withAddress = ReminderDueRule.Decide(Facts(status), Later, 30);
        var without = ReminderDueRule.Decide(Facts(status, postal: false), Later, 30);

        Assert.Equal(ReminderVerdict.Due, withAddress.Verdict);
        Assert.Equal(DeliveryChannelKind.Post, withAddress.Channel);
        Assert.True(withAddress.SwitchedChannel);
        Assert.Equal(ReminderVerdict.CannotRemind, without.Verdict);
        Assert.Contains("no postal address", without.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_returned_letter_is_reminded_by_email_when_the_patient_consented_and_listed_when_not()
    {
        var status = History(Rendered(), new PrintBatched("batch-0001.pdf", 1, 1, 3, "abc"), new BatchSealed("batch-0001.pdf", "feed", 1, 3, "beef"),
            new PrintCompleted("batch-0001.pdf", "postrum", "7"), new Returned("ubekendt adresse"));
        Assert.Equal(LetterState.Returned, status.Stage);

        var withEmail = ReminderDueRule.Decide(Facts(status), Later, 30);
        var without = ReminderDueRule.Decide(Facts(status, email: null), Later, 30);

        Assert.Equal(ReminderVerdict.Due, withEmail.Verdict);
        Assert.Equal(DeliveryChannelKind.Email, withEmail.Channel);
        Assert.True(withEmail.SwitchedChannel);
        Assert.Equal(ReminderVerdict.CannotRemind, without.Verdict);
    }

    [Fact]
    public void An_acknowledged_patient_is_never_reminded()
    {
        var status = History(Rendered(), Written(), new Acknowledged(Sent.AddDays(3), AckMethod.Post, AckSource.Manual));

        Assert.Equal(ReminderVerdict.Acknowledged, ReminderDueRule.Decide(Facts(status), Later.AddDays(400), 1).Verdict);
    }

    [Fact]
    public void A_patient_with_an_unfinished_reminder_gets_no_second_one()
    {
        var status = History(Rendered(), Written(), new ReminderPlanned(Id, 1, DeliveryChannelKind.Email, Later));

        var decision = ReminderDueRule.Decide(Facts(status), Later.AddDays(90), 30);

        Assert.Equal(ReminderVerdict.ReminderUnfinished, decision.Verdict);
        Assert.Equal(1, decision.Number);
    }

    [Fact]
    public void After_a_delivered_reminder_the_next_round_counts_from_its_date_and_is_number_two()
    {
        var reminder = Id + "-R1";
        var status = HistoryOf((Id, Rendered()), (Id, Written()), (reminder, new ReminderPlanned(Id, 1, DeliveryChannelKind.Email, Later)),
            (reminder, new LetterRendered("def", 3, reminder + ".pdf", false, "2026-12-22")),
            (reminder, new EmailWritten("<r@x.test>", reminder + ".eml", "def")));
        Assert.Single(status.Reminders);

        Assert.Equal(ReminderVerdict.NotYet, ReminderDueRule.Decide(Facts(status), Later, 30).Verdict);
        var next = ReminderDueRule.Decide(Facts(status), Later.AddDays(30), 30);
        Assert.Equal(ReminderVerdict.Due, next.Verdict);
        Assert.Equal(Id + "-R2", next.ReminderId);
    }

    [Fact]
    public void A_patient_the_first_letter_never_reached_is_left_to_send()
    {
        var status = History(new Unreachable("ingen adresse"));

        Assert.Equal(ReminderVerdict.NotReached, ReminderDueRule.Decide(Facts(status), Later, 30).Verdict);
    }

    [Theory]
    [InlineData("30d", 30)]
    [InlineData("30", 30)]
    [InlineData("4w", 28)]
    [InlineData("1d", 1)]
    [InlineData(" 14D ", 14)]
    public void Intervals_in_days_or_weeks_are_read(string text, int days)
    {
        Assert.True(ReminderInterval.TryParse(text, out var parsed, out var problem), problem);
        Assert.Equal(days, parsed);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("0")]
    [InlineData("-3d")]
    [InlineData("30m")]
    [InlineData("d")]
    [InlineData("")]
    [InlineData("1.5w")]
    public void Intervals_shorter_than_a_day_or_not_intervals_are_refused(string text)
    {
        Assert.False(ReminderInterval.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }
}
