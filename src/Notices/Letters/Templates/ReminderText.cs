namespace Notices.Letters.Templates;

/// <summary>What a reminder letter adds to the letter's fields: its number (round) and the date of the first letter.</summary>
public sealed record ReminderText(int Number, DateOnly FirstLetterDate);
