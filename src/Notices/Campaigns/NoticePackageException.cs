namespace Notices.Campaigns;

/// <summary>A notice package that cannot be used. Each problem reads <c>file:line: reason</c>.</summary>
public sealed class NoticePackageException(IReadOnlyList<string> problems)
    : Exception("The notice package is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
