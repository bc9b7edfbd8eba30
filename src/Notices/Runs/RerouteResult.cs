namespace Notices.Runs;

/// <summary>What <see cref="BounceRerouteRun"/> did with the bounced letters.</summary>
public sealed record RerouteResult(IReadOnlyList<ReroutedLetter> Rerouted, IReadOnlyList<NotReroutedLetter> NotRerouted)
{
    /// <summary>Batch files the re-routed letters went to, as &lt;campaign&gt;/print/batch-NNNN.pdf, in order.</summary>
    public IReadOnlyList<string> PrintBatches =>
        Rerouted.Select(r => r.CampaignId + "/print/" + r.Batch).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>False when a bounced letter was left without another way to the patient.</summary>
    public bool EveryBounceCovered => NotRerouted.Count == 0;
}
