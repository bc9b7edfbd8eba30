using Notices.Campaigns;

namespace Notices.Reminders;

/// <summary>
/// The decision for one original letter. For <see cref="ReminderVerdict.Due"/>: reminder <see cref="Number"/> goes by
/// <see cref="Channel"/>; <see cref="SwitchedChannel"/> when that is not the channel the last letter went by (a bounce
/// or a returned letter). <see cref="Reason"/> says why a patient is not reminded (ids and plain words, never names).
/// </summary>
public sealed record ReminderDecision(
    string OriginalLetterId, ReminderVerdict Verdict, int Number, DeliveryChannelKind Channel, bool SwitchedChannel = false, string? Reason = null)
{
    public string ReminderId => ReminderIds.For(OriginalLetterId, Number);
}
