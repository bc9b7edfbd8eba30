using Notices.Records;

namespace Notices.Acknowledgements;

/// <summary>
/// What <see cref="AckFile.Read"/> found: the acknowledgements of the rows that parsed (each with its line), and the
/// problems (a wrong header, a bad date, an unknown method, a missing letter id, an unreadable row), each with its line.
/// </summary>
public sealed record AckFileResult(
    string File, IReadOnlyList<AckRequest> Requests, IReadOnlyList<ImportIssue> Problems, IReadOnlyList<ImportIssue> Warnings)
{
    /// <summary>All problems found, including any beyond the listed <see cref="Problems"/>.</summary>
    public int ProblemCount { get; init; }

    /// <summary>How the file was read, e.g. <c>Windows-1252</c>; empty when it could not be opened.</summary>
    public string Encoding { get; init; } = "";

    public char Delimiter { get; init; }
}
