using System.Globalization;
using Notices.Acknowledgements;
using Notices.Records;

namespace Notices.PostRoom;

/// <summary>
/// Reads a returns file as a post room scans them: CSV with the header <c>letter_id;returned_date;reason</c> (names in
/// any case), read like every other input file (<c>;</c> or <c>,</c>, an Excel <c>sep=</c> line, UTF-8 with or without
/// BOM, or Windows-1252). Every row needs all three fields; the date is <see cref="AckDates"/>' shapes. Control
/// characters in a field are problems here, not repairs: a reason is one line.
/// </summary>
public static class ReturnFile
{
    public const string LetterIdColumn = "letter_id";
    public const string ReturnedDateColumn = "returned_date";
    public const string ReasonColumn = "reason";
    public const string Header = "letter_id;returned_date;reason";
    public const int MaxListed = 1000;

    /// <summary>Far above any real returns file (a row is ~50 bytes); a bigger file is the wrong file.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static ReturnFileResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var issues = new ImportIssueCollector(MaxListed);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            issues.Error(name, 1, string.Create(CultureInfo.InvariantCulture,
                $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB: a returns file has one short row per letter; is it the right file?"));
            return Result(name, [], issues, []);
        }

        using var file = CsvFile.Open(path, issues);
        if (file is null)
        {
            return Result(name, [], issues, []);
        }

        var missing = ((string[])[LetterIdColumn, ReturnedDateColumn, ReasonColumn]).Where(c => file.ColumnIndex(c) < 0).ToList();
        if (missing.Count > 0)
        {
            issues.Error(file.File, file.HeaderLine, $"the header has no column {string.Join(" and ", missing.Select(c => $"'{c}'"))}: "
                + $"the first line must be the header {Header}");
            return Result(name, [], issues, []) with { Encoding = file.Summary.Encoding, Delimiter = file.Summary.Delimiter };
        }

        int id = file.ColumnIndex(LetterIdColumn), date = file.ColumnIndex(ReturnedDateColumn), reason = file.ColumnIndex(ReasonColumn);
        var requests = new List<ReturnRequest>();
        foreach (var row in file.Rows())
        {
            if (Parse(file.File, row, id, date, reason, issues) is { } request)
            {
                requests.Add(request);
            }
        }

        // The reader replaces control characters with a warning (right for patient data); a return reason refuses them.
        var warnings = new List<ImportIssue>();
        var controlLines = new HashSet<int>();
        foreach (var warning in issues.Warnings)
        {
            if (warning.Reason.StartsWith("control characters", StringComparison.Ordinal))
            {
                controlLines.Add(warning.Line);
                issues.Error(warning.File, warning.Line, "control characters (TAB, line break or other) in a field: each field is one line of plain text");
            }
            else
            {
                warnings.Add(warning);
            }
        }

        var summary = file.Summary;
        return Result(name, [.. requests.Where(r => !controlLines.Contains(r.Line ?? 0))], issues, warnings)
            with { Encoding = summary.Encoding, Delimiter = summary.Delimiter };
    }

    private static ReturnRequest? Parse(string file, CsvLine row, int idColumn, int dateColumn, int reasonColumn, ImportIssueCollector issues)
    {
        var ok = true;
        var letterId = row.Get(idColumn);
        if (letterId.Length == 0)
        {
            issues.Error(file, row.Line, "missing letter_id");
            ok = false;
        }

        var dateText = row.Get(dateColumn);
        var date = default(DateOnly);
        if (dateText.Length == 0)
        {
            issues.Error(file, row.Line, $"missing returned_date (the day the letter came back: {AckDates.Accepted})");
            ok = false;
        }
        else if (!AckDates.TryParse(dateText, out date))
        {
            issues.Error(file, row.Line, $"returned_date '{ReturnReasons.Shown(dateText)}' is not a date ({AckDates.Accepted})");
            ok = false;
        }

        var (reason, problem) = ReturnReasons.Check(row.Get(reasonColumn));
        if (problem is not null)
        {
            issues.Error(file, row.Line, problem);
            ok = false;
        }

        return ok ? new ReturnRequest(letterId, date, reason!) { Line = row.Line } : null;
    }

    private static ReturnFileResult Result(string name, List<ReturnRequest> requests, ImportIssueCollector issues, List<ImportIssue> warnings) =>
        new(name, requests, [.. issues.Errors.OrderBy(e => e.Line)], warnings) { ProblemCount = issues.TotalErrors };
}
