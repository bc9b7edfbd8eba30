namespace Notices.Reminders;

/// <summary>What a reminder round decides for one affected patient (one original letter).</summary>
public enum ReminderVerdict
{
    /// <summary>Not acknowledged, last contact at least the interval ago: a reminder goes out in this round.</summary>
    Due,
    /// <summary>The patient acknowledged: never reminded.</summary>
    Acknowledged,
    /// <summary>The original letter never reached the patient (unreachable, failed, uncertain, pending) and did not bounce or come back.</summary>
    NotReached,
    /// <summary>A reminder is planned and not yet delivered: the run resumes it instead of planning another.</summary>
    ReminderUnfinished,
    /// <summary>The last contact is more recent than the interval.</summary>
    NotYet,
    /// <summary>Due, but no channel can carry the reminder (e.g. the email bounced and there is no postal address).</summary>
    CannotRemind,
}
