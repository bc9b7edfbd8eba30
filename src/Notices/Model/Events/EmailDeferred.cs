namespace Notices.Model;

/// <summary>A temporary failure outlasted the retries; the letter stays pending for the next run.</summary>
public sealed record EmailDeferred(string Reason, string? Status = null, int? Attempts = null, string? MessageId = null) : LedgerEvent;
