namespace Notices.Model;

/// <summary>A row this program cannot read (an unknown kind or damaged detail): never written, only read.</summary>
public sealed record UnknownEvent(string StoredKind, string Detail) : LedgerEvent;
