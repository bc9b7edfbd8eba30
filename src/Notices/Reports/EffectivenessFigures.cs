using Notices.Ledger;
using Notices.Model;

namespace Notices.Reports;

/// <summary>
/// The effectiveness-check figures of one campaign, computed once from its projection and shown alike by
/// <c>report.pdf</c>, <c>report.csv</c> and <c>status</c>. Every affected patient (original letter) is in exactly one
/// <see cref="ReachCategory"/>, decided by <see cref="LetterStatus.Reach"/> (how far delivery got, also for a patient who
/// has acknowledged since); acknowledgement is counted apart. Reminders are never counted as affected patients.
/// </summary>
public sealed class EffectivenessFigures
{
    private EffectivenessFigures(ReportCampaign campaign, IReadOnlyList<LetterStatus> letters)
    {
        Campaign = campaign;
        Letters = letters;
        var counts = Enum.GetValues<ReachCategory>().ToDictionary(c => c, _ => 0);
        foreach (var letter in letters)
        {
            counts[Classify(letter)]++;
        }

        ByCategory = counts;
        Acknowledged = letters.Count(l => l.Acknowledgement is not null);
        var reminders = letters.SelectMany(l => l.Reminders).ToList();
        RemindersSent = reminders.Count(r => r.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed);
        RemindersPlanned = reminders.Count;
        PatientsReminded = letters.Count(l => l.Reminders.Count > 0);
        Days = DayByDay(letters);
        Unreached = [.. letters
            .Where(l => !IsReached(Classify(l)))
            .Select(l => new UnreachedPatient(l.LetterId, l.PatientId ?? "", Classify(l), ReasonOf(l))
            {
                RemindersHandedOver = [.. l.Reminders.Where(r => r.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed).Select(r => r.LetterId)],
                ReturnedOn = l.Timeline.ReturnedOn,
            })];
    }

    public ReportCampaign Campaign { get; }

    /// <summary>The original letters, one per affected patient, with their reminders under them.</summary>
    public IReadOnlyList<LetterStatus> Letters { get; }

    public int Affected => Letters.Count;

    /// <summary>Affected patients per category; every category is a key.</summary>
    public IReadOnlyDictionary<ReachCategory, int> ByCategory { get; }

    public int EmailConfirmed => ByCategory[ReachCategory.EmailConfirmed];
    public int EmailAcceptedOnly => ByCategory[ReachCategory.EmailAcceptedOnly];
    public int Post => ByCategory[ReachCategory.Post];
    public int Unreachable => ByCategory[ReachCategory.Unreachable];
    public int Failed => ByCategory[ReachCategory.Failed];
    public int Uncertain => ByCategory[ReachCategory.Uncertain];
    public int Pending => ByCategory[ReachCategory.Pending];

    /// <summary>Reached by email (confirmed or accepted only) or by post.</summary>
    public int Reached => EmailConfirmed + EmailAcceptedOnly + Post;

    public int NotReached => Affected - Reached;

    public int Acknowledged { get; }

    /// <summary>Affected patients who have not acknowledged.</summary>
    public int Outstanding => Affected - Acknowledged;

    /// <summary>Reminder letters that were handed over (email) or posted.</summary>
    public int RemindersSent { get; }

    /// <summary>Every reminder letter planned, handed over or not.</summary>
    public int RemindersPlanned { get; }

    /// <summary>Affected patients with at least one reminder.</summary>
    public int PatientsReminded { get; }

    /// <summary>Share of affected patients reached, 0–100 (0 when there are none).</summary>
    public double ReachedPercent => Percent(Reached);

    /// <summary>Share of affected patients who acknowledged, 0–100.</summary>
    public double AcknowledgedPercent => Percent(Acknowledged);

    /// <summary>Every day from the first patient reached (or acknowledgement) to the last, with running totals.</summary>
    public IReadOnlyList<DailyProgress> Days { get; }

    /// <summary>Affected patients not reached (unreachable, failed, uncertain, pending), by letter id.</summary>
    public IReadOnlyList<UnreachedPatient> Unreached { get; }

    public double Percent(int count) => Affected == 0 ? 0 : 100.0 * count / Affected;

    public static EffectivenessFigures From(CampaignProjection projection, ReportCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(campaign);
        return new EffectivenessFigures(campaign, projection.Letters);
    }

    public static ReachCategory Classify(LetterStatus letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.Reach switch
        {
            LetterDeliveryState.Sent => letter.Email == EmailStage.Delivered ? ReachCategory.EmailConfirmed : ReachCategory.EmailAcceptedOnly,
            LetterDeliveryState.Printed => ReachCategory.Post,
            LetterDeliveryState.Unreachable => ReachCategory.Unreachable,
            LetterDeliveryState.Failed => ReachCategory.Failed,
            LetterDeliveryState.Uncertain => ReachCategory.Uncertain,
            _ => ReachCategory.Pending,
        };
    }

    public static bool IsReached(ReachCategory category) =>
        category is ReachCategory.EmailConfirmed or ReachCategory.EmailAcceptedOnly or ReachCategory.Post;

    /// <summary>When the patient was reached (the first hand-over), for a reached letter; else null.</summary>
    public static DateTimeOffset? ReachedAt(LetterStatus letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var timeline = letter.Timeline;
        return Classify(letter) switch
        {
            ReachCategory.EmailConfirmed or ReachCategory.EmailAcceptedOnly => timeline.EmailHandedOver ?? timeline.EmailDelivered,
            ReachCategory.Post => timeline.Sealed ?? timeline.SubmittedToPrinter ?? timeline.Posted,
            _ => null,
        };
    }

    private static UnreachedReason ReasonOf(LetterStatus letter) => Classify(letter) switch
    {
        ReachCategory.Unreachable => UnreachedReason.NoAddress,
        ReachCategory.Uncertain => UnreachedReason.Uncertain,
        ReachCategory.Pending => UnreachedReason.NotSentYet,
        _ when letter.Timeline.Returned is not null => UnreachedReason.LetterReturned,
        _ when letter.Timeline.EmailBounced is not null => UnreachedReason.EmailBounced,
        _ when letter.Timeline.EmailFailed is not null => UnreachedReason.EmailRefused,
        _ => UnreachedReason.NotMade,
    };

    private static List<DailyProgress> DayByDay(IReadOnlyList<LetterStatus> letters)
    {
        var reached = letters.Select(ReachedAt).OfType<DateTimeOffset>().Select(ReportDays.Day).ToList();
        var acked = letters.Select(l => l.Acknowledgement?.ReceivedOn).OfType<DateOnly>().ToList();
        var all = reached.Concat(acked).ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var reachedPerDay = reached.CountBy(d => d).ToDictionary(p => p.Key, p => p.Value);
        var ackedPerDay = acked.CountBy(d => d).ToDictionary(p => p.Key, p => p.Value);
        var days = new List<DailyProgress>();
        int reachedSoFar = 0, ackedSoFar = 0;
        for (var day = all.Min(); day <= all.Max(); day = day.AddDays(1))
        {
            var r = reachedPerDay.GetValueOrDefault(day);
            var a = ackedPerDay.GetValueOrDefault(day);
            reachedSoFar += r;
            ackedSoFar += a;
            days.Add(new DailyProgress(day, r, a, reachedSoFar, ackedSoFar));
        }

        return days;
    }
}
