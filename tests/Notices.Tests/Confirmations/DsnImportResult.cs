using Notices.Confirmations;
using Notices.Runs;

namespace Notices.Tests.Confirmations;

/// <summary>One import and re-route, as <c>dsn import</c> runs them, with the figures the tests look at.</summary>
public sealed record DsnImportResult(DsnImportSummary Summary, RerouteResult Reroute)
{
    public int FilesRead => Summary.FilesRead;
    public IReadOnlyList<RecordedReport> Recorded => Summary.Recorded;
    public IReadOnlyList<string> AlreadyImported => Summary.AlreadyImported;
    public IReadOnlyList<UnmatchedMessage> Unmatched => Summary.Unmatched;
    public int Delivered => Summary.Delivered;
    public int Delayed => Summary.Delayed;
    public int Bounced => Summary.Bounced;
    public IReadOnlyList<ReroutedLetter> Rerouted => Reroute.Rerouted;
    public IReadOnlyList<NotReroutedLetter> NotRerouted => Reroute.NotRerouted;
    public IReadOnlyList<string> PrintBatches => Reroute.PrintBatches;
    public bool EveryBounceCovered => Reroute.EveryBounceCovered;
}
