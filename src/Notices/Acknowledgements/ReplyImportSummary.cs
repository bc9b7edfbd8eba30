namespace Notices.Acknowledgements;

/// <summary>What one <c>ack import</c> read and recorded.</summary>
public sealed record ReplyImportSummary
{
    public required int FilesRead { get; init; }
    /// <summary>Acknowledgements recorded by this import, in file order.</summary>
    public required IReadOnlyList<ReplyRecorded> Recorded { get; init; }
    /// <summary>Files whose letter was already acknowledged (by an earlier import, by hand, or by an earlier file of this one).</summary>
    public required IReadOnlyList<string> AlreadyRecorded { get; init; }
    public required IReadOnlyList<ReplyUnmatched> Unmatched { get; init; }
}
