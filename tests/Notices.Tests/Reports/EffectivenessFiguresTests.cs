using Notices.Reports;
using Xunit;

namespace Notices.Tests.Reports;

public sealed class EffectivenessFiguresTests
{
    private static readonly ReportCampaign Campaign = new("EFF", "FA830", "Pumpen kan stoppe", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20));

    private static EffectivenessFigures Figures() => EffectivenessFigures.From(HandLedger.NinePatients().Project(), Campaign);

    [Fact]
    public void Every_affected_patient_is_counted_once_by_how_far_delivery_got()
    {
        var f = Figures();

        Assert.Equal(9, f.Affected);
        Assert.Equal(1, f.EmailConfirmed);     // EFF-0001: DSN delivered, then acknowledged
        Assert.Equal(1, f.EmailAcceptedOnly);  // EFF-0008: accepted after a deferral, no DSN
        Assert.Equal(2, f.Post);               // EFF-0002 posted and acknowledged; EFF-0009 bounced, then sealed for post
        Assert.Equal(1, f.Unreachable);
        Assert.Equal(3, f.Failed);             // bounced, returned, not made
        Assert.Equal(1, f.Uncertain);
        Assert.Equal(0, f.Pending);
        Assert.Equal(4, f.Reached);
        Assert.Equal(5, f.NotReached);
        Assert.Equal(9, f.ByCategory.Values.Sum());
        Assert.Equal(100.0 * 4 / 9, f.ReachedPercent, 6);
    }

    [Fact]
    public void Acknowledgements_are_counted_apart_from_reach_and_reminders_are_not_patients()
    {
        var f = Figures();

        Assert.Equal(3, f.Acknowledged);       // by email, by post, and via a reminder (recorded on the original)
        Assert.Equal(6, f.Outstanding);
        Assert.Equal(100.0 * 3 / 9, f.AcknowledgedPercent, 6);
        Assert.Equal(2, f.RemindersSent);
        Assert.Equal(2, f.RemindersPlanned);
        Assert.Equal(2, f.PatientsReminded);
        Assert.DoesNotContain(f.Letters, l => l.LetterId.EndsWith("-R1", StringComparison.Ordinal));
        Assert.DoesNotContain(f.Unreached, u => u.LetterId.EndsWith("-R1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_patients_not_reached_carry_their_reason()
    {
        var reasons = Figures().Unreached.ToDictionary(u => u.LetterId, u => u.Reason);

        Assert.Equal(
            new Dictionary<string, UnreachedReason>
            {
                ["EFF-0003"] = UnreachedReason.EmailBounced,
                ["EFF-0004"] = UnreachedReason.LetterReturned,
                ["EFF-0005"] = UnreachedReason.NoAddress,
                ["EFF-0006"] = UnreachedReason.Uncertain,
                ["EFF-0007"] = UnreachedReason.NotMade,
            },
            reasons);
        Assert.Equal(["EFF-0003-R1"], Figures().Unreached.Single(u => u.LetterId == "EFF-0003").RemindersHandedOver);
    }

    [Fact]
    public void Day_by_day_totals_run_from_the_first_patient_reached_to_the_last_acknowledgement()
    {
        var days = Figures().Days;

        Assert.Equal(new DateOnly(2026, 11, 2), days[0].Day);
        Assert.Equal(new DateOnly(2026, 11, 9), days[^1].Day);
        Assert.Equal(8, days.Count);
        Assert.Equal(2, days[0].ReachedSoFar);                              // email accepted and batch sealed on day 0
        Assert.Equal(4, days.Single(d => d.Day == new DateOnly(2026, 11, 4)).ReachedSoFar); // the deferred email, the fallback post
        Assert.Equal(4, days[^1].ReachedSoFar);
        Assert.Equal(0, days.Single(d => d.Day == new DateOnly(2026, 11, 4)).AcknowledgedSoFar);
        Assert.Equal(1, days.Single(d => d.Day == new DateOnly(2026, 11, 5)).AcknowledgedOnDay);
        Assert.Equal(3, days[^1].AcknowledgedSoFar);
        Assert.Equal(days.Sum(d => d.ReachedOnDay), days[^1].ReachedSoFar);
    }

    [Fact]
    public void The_timeline_records_each_step_and_the_email_attempts()
    {
        var letters = HandLedger.NinePatients().Project().Letters.ToDictionary(l => l.LetterId);

        var deferred = letters["EFF-0008"].Timeline;
        Assert.Equal(2, deferred.EmailAttempts);
        Assert.Equal(1, deferred.EmailDeferrals);
        Assert.Equal(HandLedger.Day0.Date.AddDays(2), deferred.EmailHandedOver!.Value.UtcDateTime.Date);

        var posted = letters["EFF-0002"].Timeline;
        Assert.NotNull(posted.Rendered);
        Assert.NotNull(posted.Sealed);
        Assert.NotNull(posted.SubmittedToPrinter);
        Assert.Equal(HandLedger.Day0.Date.AddDays(1), posted.Posted!.Value.UtcDateTime.Date);
        Assert.Null(posted.EmailHandedOver);

        var fallback = letters["EFF-0009"].Timeline;
        Assert.True(fallback.UsedEmail && fallback.UsedPost);
        Assert.NotNull(fallback.EmailBounced);
        Assert.NotNull(fallback.Sealed);
        Assert.NotNull(letters["EFF-0004"].Timeline.Returned);
        Assert.NotNull(letters["EFF-0001"].Timeline.EmailDelivered);
    }

    [Fact]
    public void No_letters_gives_zero_percentages_and_no_days()
    {
        var f = EffectivenessFigures.From(new HandLedger("NONE").Project(), Campaign);

        Assert.Equal(0, f.Affected);
        Assert.Equal(0, f.ReachedPercent);
        Assert.Empty(f.Days);
        Assert.Empty(f.Unreached);
    }
}
