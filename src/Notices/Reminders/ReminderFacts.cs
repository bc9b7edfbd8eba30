using Notices.Ledger;

namespace Notices.Reminders;

/// <summary>
/// What the due rule needs to know about one original letter: its projected status (with its reminders), the dates of
/// contact the ledger holds, and which channels the patient's data allows.
/// </summary>
public sealed record ReminderFacts(LetterStatus Original)
{
    /// <summary>The date printed on the original letter (its last rendering).</summary>
    public DateOnly? LetterDate { get; init; }

    /// <summary>The (local) day the original was last handed over: email written or accepted, or placed in a print batch.</summary>
    public DateOnly? HandedOverOn { get; init; }

    /// <summary>The as-of date of each reminder planned so far, by reminder number.</summary>
    public IReadOnlyDictionary<int, DateOnly> ReminderAsOf { get; init; } = new Dictionary<int, DateOnly>();

    /// <summary>The original letter's snapshot has a full postal address.</summary>
    public bool HasPostalAddress { get; init; }

    /// <summary>An email address the patient consented to and that is valid (the letter's own, else the patient's current one).</summary>
    public string? UsableEmail { get; init; }

    /// <summary>The last contact: the latest reminder's as-of date, else the later of the letter date and the hand-over day.</summary>
    public DateOnly? LastContact
    {
        get
        {
            if (ReminderAsOf.Count > 0)
            {
                return ReminderAsOf.Values.Max();
            }

            return (LetterDate, HandedOverOn) switch
            {
                ({ } a, { } b) => a > b ? a : b,
                ({ } a, null) => a,
                (null, { } b) => b,
                _ => null,
            };
        }
    }
}
