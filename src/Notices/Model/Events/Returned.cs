namespace Notices.Model;

/// <summary>The letter came back undelivered.</summary>
public sealed record Returned(string Reason) : LedgerEvent;
