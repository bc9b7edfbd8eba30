namespace Notices.Model;

/// <summary>The letter could not be made or handed over; the rest of the campaign goes on. <paramref name="Stage"/> is e.g. render or print.</summary>
public sealed record LetterFailed(string Stage, string Reason) : LedgerEvent;
