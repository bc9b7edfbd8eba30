using Notices.Records;

namespace Notices.PostRoom;

/// <summary>What <see cref="ReturnFile.Read"/> found: the rows that parsed, and every problem with its line.</summary>
public sealed record ReturnFileResult(string File, IReadOnlyList<ReturnRequest> Requests, IReadOnlyList<ImportIssue> Problems, IReadOnlyList<ImportIssue> Warnings)
{
    /// <summary>All problems found, including any beyond the listed <see cref="Problems"/>.</summary>
    public int ProblemCount { get; init; }

    public string Encoding { get; init; } = "";

    public char Delimiter { get; init; }
}
