namespace Notices.Runs;

/// <summary>What <c>preview</c> makes a proof of.</summary>
public sealed record PreviewRequest
{
    public required string NoticeDirectory { get; init; }
    /// <summary>A patient of the store; null for the made-up sample patient.</summary>
    public string? PatientId { get; init; }
    /// <summary>Make the large-print letter, whatever the patient's own setting.</summary>
    public bool LargePrint { get; init; }
    /// <summary>The output root, as for <c>send</c>; the proof goes to &lt;root&gt;/&lt;campaign&gt;/preview/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The letter date (default: the notice's date, else today), as <c>send</c> would print it.</summary>
    public DateOnly? LetterDate { get; init; }
}
