using Notices.Campaigns;
using Notices.Letters.Proofs;

namespace Notices.Runs;

/// <summary>The outcome of <c>preview</c>: the letter and the files of its proof, or why there is none.</summary>
public sealed record PreviewResult
{
    public required NoticePackage Notice { get; init; }
    public PreviewRefusal? Refused { get; init; }
    public PlannedLetter? Letter { get; init; }
    public ProofFiles? Files { get; init; }
    public string? Directory { get; init; }
    /// <summary>True for the made-up patient.</summary>
    public bool Sample { get; init; }
    /// <summary>The made-up device does not satisfy every condition of the rule (the proof lists it anyway).</summary>
    public bool SampleDeviceNotMatched { get; init; }
}
