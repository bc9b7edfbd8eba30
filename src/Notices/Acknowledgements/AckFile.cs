using System.Globalization;
using Notices.Model;
using Notices.Records;

namespace Notices.Acknowledgements;

/// <summary>
/// Reads an acknowledgement file: CSV with the header <c>letter_id;received_date;method;note</c> (names in any case;
/// <c>method</c> and <c>note</c> may be left out). It is read like the patient import reads its files, so Danish Excel
/// exports work: <c>;</c> or <c>,</c>, an Excel <c>sep=</c> line, UTF-8 with or without BOM, or Windows-1252.
/// <c>received_date</c> is required on every row (<see cref="AckDates"/>): the date the reply came is what the
/// authority sees, so it is never filled in by guess. An empty <c>method</c> means post.
/// </summary>
public static class AckFile
{
    public const string LetterIdColumn = "letter_id";
    public const string ReceivedDateColumn = "received_date";
    public const string MethodColumn = "method";
    public const string NoteColumn = "note";

    /// <summary>The header the file must have, for messages and help.</summary>
    public const string Header = "letter_id;received_date;method;note";

    /// <summary>The most problems of each kind listed (all are counted).</summary>
    public const int MaxListed = 1000;

    /// <summary>
    /// The largest file read: far more than any campaign's replies (a row is ~40 bytes), and small enough that a wrong
    /// file (a whole export) is refused before it is read rather than held in memory row by row.
    /// </summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static AckFileResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var issues = new ImportIssueCollector(MaxListed);
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            issues.Error(Path.GetFileName(path), 1, string.Create(CultureInfo.InvariantCulture,
                $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB: an acknowledgement file has one short row per letter; is it the right file?"));
            return Result(Path.GetFileName(path), [], issues);
        }

        using var file = CsvFile.Open(path, issues);
        var name = Path.GetFileName(path);
        if (file is null)
        {
            return Result(name, [], issues);
        }

        var missing = ((string[])[LetterIdColumn, ReceivedDateColumn]).Where(c => file.ColumnIndex(c) < 0).ToList();
        if (missing.Count > 0)
        {
            issues.Error(file.File, file.HeaderLine, $"the header has no column {string.Join(" and ", missing.Select(c => $"'{c}'"))}: "
                + $"the first line must be the header {Header} (method and note may be left out)");
            return Result(name, [], issues) with { Encoding = file.Summary.Encoding, Delimiter = file.Summary.Delimiter };
        }

        var columns = new Columns(file.ColumnIndex(LetterIdColumn), file.ColumnIndex(ReceivedDateColumn),
            file.ColumnIndex(MethodColumn), file.ColumnIndex(NoteColumn));
        var requests = new List<AckRequest>();
        foreach (var row in file.Rows())
        {
            if (Parse(file.File, row, columns, issues) is { } request)
            {
                requests.Add(request);
            }
        }

        var summary = file.Summary;
        return Result(name, requests, issues) with { Encoding = summary.Encoding, Delimiter = summary.Delimiter };
    }

    private static AckRequest? Parse(string file, CsvLine row, Columns columns, ImportIssueCollector issues)
    {
        var ok = true;
        var letterId = row.Get(columns.LetterId);
        if (letterId.Length == 0)
        {
            issues.Error(file, row.Line, "missing letter_id");
            ok = false;
        }

        var dateText = row.Get(columns.ReceivedDate);
        var date = default(DateOnly);
        if (dateText.Length == 0)
        {
            issues.Error(file, row.Line, "missing received_date (the date the reply was received, e.g. 2026-12-01 or 01-12-2026)");
            ok = false;
        }
        else if (!AckDates.TryParse(dateText, out date))
        {
            issues.Error(file, row.Line, $"received_date '{Shown(dateText)}' is not a date ({AckDates.Accepted})");
            ok = false;
        }

        var methodText = row.Get(columns.Method);
        var method = AckMethod.Post;
        if (methodText.Length > 0 && !AckMethods.TryParse(methodText, out method))
        {
            issues.Error(file, row.Line, $"method '{Shown(methodText)}' is not one of post, email, phone, web");
            ok = false;
        }

        var note = AckNote.Clean(row.Get(columns.Note));
        if (note is not null && note.Length > AckNote.MaxLength)
        {
            issues.Error(file, row.Line, string.Create(CultureInfo.InvariantCulture,
                $"note is {note.Length} characters long; at most {AckNote.MaxLength} are kept: shorten it"));
            ok = false;
        }

        return ok ? new AckRequest(letterId, date, method, AckSource.File) { Note = note, Line = row.Line } : null;
    }

    private static AckFileResult Result(string name, List<AckRequest> requests, ImportIssueCollector issues) =>
        new(name, requests, issues.Errors, issues.Warnings) { ProblemCount = issues.TotalErrors };

    /// <summary>A field as typed, short enough to quote in a message.</summary>
    private static string Shown(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private sealed record Columns(int LetterId, int ReceivedDate, int Method, int Note);
}
