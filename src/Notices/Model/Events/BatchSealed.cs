namespace Notices.Model;

/// <summary>Campaign-level: the batch file is complete (its SHA-256), its manifest rows are written: the batch exists.</summary>
public sealed record BatchSealed(string Batch, string Sha256, int Letters, int Pages, string Manifest) : LedgerEvent;
