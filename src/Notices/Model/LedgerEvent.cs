using System.Text.Json.Serialization;

namespace Notices.Model;

/// <summary>
/// What one ledger row says happened. One sealed record per <see cref="LedgerEventKind"/>, serialised in one place
/// (<see cref="LedgerEventCodec"/>) as the row's detail. Values never hold names or addresses.
/// </summary>
public abstract record LedgerEvent
{
    [JsonIgnore]
    public LedgerEventKind Kind => LedgerEventCodec.KindOf(GetType());
}
