using Notices.Campaigns;

namespace Notices.Model;

/// <summary>
/// The first event of a reminder letter (id <c>&lt;original&gt;-R&lt;number&gt;</c>), committed before the reminder is made:
/// it links the reminder to its original letter, and says which round it belongs to, by which channel it goes and
/// the date the reminder run counted from. The reminder's own life (rendered, handed over, ...) follows as for any letter.
/// </summary>
public sealed record ReminderPlanned(string OriginalLetterId, int Number, DeliveryChannelKind Channel, DateOnly AsOf, string? ChannelNote = null) : LedgerEvent;
