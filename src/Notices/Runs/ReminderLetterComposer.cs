using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>Reminder letters: each dated with its round's as-of date and worded as a reminder (reminder.md, else the
/// letter headed "Påmindelse").</summary>
public sealed class ReminderLetterComposer(LetterComposer composer, IReadOnlyDictionary<string, (DateOnly AsOf, ReminderText Text)> reminders)
    : IDeliveryComposer
{
    public DateOnly DateOf(PlannedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return reminders[letter.LetterId].AsOf;
    }

    public ComposedLetter Compose(PlannedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var (asOf, text) = reminders[letter.LetterId];
        return composer.Compose(letter, asOf, text);
    }
}
