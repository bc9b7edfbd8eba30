namespace Notices.Campaigns;

/// <summary>
/// Why one patient does or does not get a notice's letter: every device with its rule verdict and exclusion, the
/// patient's own exclusion, and the planned letter (null when there is none).
/// </summary>
public sealed record MatchExplanation(
    ExplainedBy FoundBy,
    PatientAssessment Assessment,
    PlannedLetter? Letter,
    /// <summary>True when the letter id is already in the store (the letter was made); false when only planned.</summary>
    bool LetterInStore);
