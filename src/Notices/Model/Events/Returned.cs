namespace Notices.Model;

/// <summary>The letter came back undelivered (recorded by <c>notices returned</c>).</summary>
/// <param name="Reason">The post room's reason, e.g. "ubekendt på adressen".</param>
/// <param name="Date">The day it came back, yyyy-MM-dd, when given.</param>
public sealed record Returned(string Reason, string? Date = null) : LedgerEvent;
