namespace Notices.Model;

/// <summary>Campaign-level: an unsealed batch file was renamed to <paramref name="MovedTo"/> so no one prints it; its letters are batched again.</summary>
public sealed record BatchDiscarded(string Batch, string MovedTo, string Reason) : LedgerEvent;
