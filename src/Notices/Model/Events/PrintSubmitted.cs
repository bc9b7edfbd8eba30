namespace Notices.Model;

/// <summary>The batch was handed to a printer queue.</summary>
public sealed record PrintSubmitted(string Batch, string? Queue = null, string? Job = null) : LedgerEvent;
