namespace Notices.Reports;

/// <summary>
/// An affected patient the original letter did not reach, by id only, with why. <see cref="RemindersHandedOver"/> lists
/// the patient's reminders that were handed over or posted since (e.g. by post after a bounce): the figures still count
/// the patient as not reached, the list says a reminder went out.
/// </summary>
public sealed record UnreachedPatient(string LetterId, string PatientId, ReachCategory Category, UnreachedReason Reason)
{
    public IReadOnlyList<string> RemindersHandedOver { get; init; } = [];

    /// <summary>For a returned letter: the day it came back, as the post room recorded it.</summary>
    public DateOnly? ReturnedOn { get; init; }
}
