namespace Notices.Records;

/// <summary>Collects errors and warnings of one import, listing at most a fixed number of each but counting all.</summary>
internal sealed class ImportIssueCollector(int maxListed)
{
    private readonly List<ImportIssue> _errors = [];
    private readonly List<ImportIssue> _warnings = [];

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

    public void Warning(string file, int line, string reason)
    {
        TotalWarnings++;
        if (_warnings.Count < maxListed)
        {
            _warnings.Add(new ImportIssue(file, line, reason, IsError: false));
        }
    }
}
