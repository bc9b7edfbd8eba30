namespace Notices.Model;

/// <summary>The email was refused for good (5xx) or could not be made; <paramref name="Fallback"/> says what happens next.</summary>
public sealed record EmailFailed(string Reason, string? Status = null, string? MessageId = null, int? Attempts = null, string? Fallback = null) : LedgerEvent;
