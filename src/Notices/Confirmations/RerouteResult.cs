namespace Notices.Confirmations;

/// <summary>What <see cref="BounceRerouter"/> did with the bounced letters of one campaign.</summary>
public sealed record RerouteResult(IReadOnlyList<ReroutedLetter> Rerouted, IReadOnlyList<NotReroutedLetter> NotRerouted)
{
    /// <summary>Batch files written or reused, e.g. batch-0003.pdf, in order.</summary>
    public IReadOnlyList<string> Batches =>
        Rerouted.Select(r => r.Batch).Distinct(StringComparer.Ordinal).ToList();
}
