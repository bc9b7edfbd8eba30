namespace Notices.Model;

/// <summary>
/// One row of the append-only, hash-chained ledger (<c>ledger</c> table).
/// Hash = SHA-256 over the previous row's hash and this row's canonical fields.
/// </summary>
public sealed class LedgerEntry
{
    public long Seq { get; set; }
    public required string CampaignId { get; set; }
    public string? LetterId { get; set; }
    public string? PatientId { get; set; }
    /// <summary>Stored by name (an EF Core value conversion); a name this program does not know reads as Unknown.</summary>
    public required LedgerEventKind Kind { get; set; }
    /// <summary>Compact JSON object with event details (no names or addresses).</summary>
    public string Detail { get; set; } = "{}";
    public DateTimeOffset At { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>The typed event this row records.</summary>
    public LedgerEvent ReadEvent() => LedgerEventCodec.Deserialize(Kind, Detail);
}
