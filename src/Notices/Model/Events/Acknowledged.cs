namespace Notices.Model;

/// <summary>The patient acknowledged the notice.</summary>
public sealed record Acknowledged(string Source, string? Note = null) : LedgerEvent;
