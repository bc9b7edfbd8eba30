namespace Notices.Model;

/// <summary>A reminder went out.</summary>
public sealed record ReminderSent(string Channel, int Number) : LedgerEvent;
