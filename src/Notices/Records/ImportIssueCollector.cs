namespace Notices.Records;

/// <summary>Collects errors and warnings of one import, listing at most a fixed number of each but counting all.</summary>
internal sealed class ImportIssueCollector(int maxListed)
{
    private readonly List<ImportIssue> _errors = [];
    private readonly List<ImportIssue> _warnings = [];

    /// <summary>The most issues of each kind listed.</summary>
    public int MaxListed => maxListed;
    public int TotalErrors { get; private set; }
    public int TotalWarnings { get; private set; }
    public IReadOnlyList<ImportIssue> Errors => _errors;
    public IReadOnlyList<ImportIssue> Warnings => _warnings;

    public void Error(string file, int line, string reason)
    {
        TotalErrors++;
        if (_errors.Count < maxListed)
        {
            _errors.Add(new ImportIssue(file, line, reason, IsError: true));
        }
    }

    /// <summary>Counts errors that were found but are not listed one by one (beyond the listing limit).</summary>
    public void CountUnlistedErrors(int count) => TotalErrors += Math.Max(0, count);

    public void Warning(string file, int line, string reason)
    {
        TotalWarnings++;
        if (_warnings.Count < maxListed)
        {
            _warnings.Add(new ImportIssue(file, line, reason, IsError: false));
        }
    }
}
