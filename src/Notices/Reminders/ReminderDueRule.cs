using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;

namespace Notices.Reminders;

/// <summary>
/// Who is reminded in a round. A patient is due when they have not acknowledged, their original letter reached them
/// (sent or printed) or its email bounced or the letter came back, no reminder of theirs is still unfinished, and their
/// last contact (<see cref="ReminderFacts.LastContact"/>) is at least the interval before the as-of date. The reminder
/// goes the way the last letter reached the patient; after a bounce by post, after a returned letter by email, when the
/// patient's data allows it; otherwise the patient is listed as one who cannot be reminded.
/// </summary>
public static class ReminderDueRule
{
    public static ReminderDecision Decide(ReminderFacts facts, DateOnly asOf, int afterDays)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var original = facts.Original;
        var id = original.LetterId;
        var number = original.Reminders.Count == 0 ? 1 : original.Reminders.Max(r => r.ReminderNumber) + 1;
        var channel = original.Channel ?? DeliveryChannelKind.Unreachable;
        if (original.Acknowledgement is not null)
        {
            return new(id, ReminderVerdict.Acknowledged, number, channel);
        }

        if (!Reached(original) && !Misdelivered(original))
        {
            return new(id, ReminderVerdict.NotReached, number, channel, Reason: "the first letter did not reach the patient: " + ReachText(original));
        }

        if (original.Reminders.FirstOrDefault(IsUnfinished) is { } unfinished)
        {
            return new(id, ReminderVerdict.ReminderUnfinished, unfinished.ReminderNumber, channel, Reason: unfinished.LetterId + " is not delivered yet");
        }

        if (facts.LastContact is not { } last || asOf.DayNumber - last.DayNumber < afterDays)
        {
            return new(id, ReminderVerdict.NotYet, number, channel);
        }

        // The latest letter that got somewhere decides the way: a reminder that bounced switches the next one too.
        var latest = original.Reminders.LastOrDefault(r => Reached(r) || Misdelivered(r)) ?? original;
        var (chosen, problem) = Choose(latest, facts);
        if (chosen is not { } way)
        {
            return new(id, ReminderVerdict.CannotRemind, number, channel, Reason: problem);
        }

        var switched = latest.Channel is { } before && before != way;
        return new(id, ReminderVerdict.Due, number, way, switched);
    }

    /// <summary>A reminder is unfinished when a run would still deliver it: not yet handed over, uncertain, or failed to be made.</summary>
    public static bool IsUnfinished(LetterStatus reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return reminder.State switch
        {
            LetterDeliveryState.Pending or LetterDeliveryState.Uncertain => true,
            LetterDeliveryState.Failed => reminder.AwaitsPost || reminder.LastKind == LedgerEventKind.LetterFailed,
            _ => false,
        };
    }

    private static (DeliveryChannelKind? Channel, string? Problem) Choose(LetterStatus latest, ReminderFacts facts)
    {
        if (EmailDidNotArrive(latest))
        {
            return facts.HasPostalAddress
                ? (DeliveryChannelKind.Post, null)
                : (null, $"the email to {latest.LetterId} did not arrive and there is no postal address");
        }

        if (latest.Stage == LetterState.Returned)
        {
            return facts.UsableEmail is not null
                ? (DeliveryChannelKind.Email, null)
                : (null, $"letter {latest.LetterId} came back and there is no consented, valid email address");
        }

        return latest.Reach switch
        {
            LetterDeliveryState.Sent when facts.UsableEmail is not null => (DeliveryChannelKind.Email, null),
            LetterDeliveryState.Sent when facts.HasPostalAddress => (DeliveryChannelKind.Post, null),
            LetterDeliveryState.Printed when facts.HasPostalAddress => (DeliveryChannelKind.Post, null),
            LetterDeliveryState.Printed when facts.UsableEmail is not null => (DeliveryChannelKind.Email, null),
            _ => (null, "neither a usable email address nor a postal address"),
        };
    }

    private static bool Reached(LetterStatus letter) => letter.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed;

    /// <summary>The email bounced or was refused for good, or the letter came back: the patient may be reached the other way.</summary>
    private static bool Misdelivered(LetterStatus letter) =>
        letter.Reach == LetterDeliveryState.Failed && (EmailDidNotArrive(letter) || letter.Stage == LetterState.Returned);

    private static bool EmailDidNotArrive(LetterStatus letter) =>
        letter.Reach == LetterDeliveryState.Failed && letter.Email is EmailStage.Bounced or EmailStage.Failed
        && letter.LastKind != LedgerEventKind.LetterFailed;

    private static string ReachText(LetterStatus letter) => letter.Reach switch
    {
        LetterDeliveryState.Unreachable => "unreachable",
        LetterDeliveryState.Uncertain => "uncertain (run 'notices dsn import' or 'send --resend-uncertain')",
        LetterDeliveryState.Pending => "not delivered yet (run 'notices send')",
        _ => string.IsNullOrEmpty(letter.Detail) ? "failed" : letter.Detail,
    };
}
