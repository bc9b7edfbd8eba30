namespace Notices.Model;

/// <summary>The patient has no postal address and no consented, valid email.</summary>
public sealed record Unreachable(string Reason) : LedgerEvent;
