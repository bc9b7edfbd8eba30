namespace Notices.Model;

/// <summary>The post room reports the batch posted.</summary>
public sealed record BatchPosted(string Batch, string? Date = null) : LedgerEvent;
