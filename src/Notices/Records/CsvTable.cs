using System.Globalization;
using System.Text;
using CsvHelper;

namespace Notices.Records;

/// <summary>
/// A CSV file read whole with CsvHelper after detecting its encoding and delimiter: the header and every readable
/// data record with its physical line number. Unreadable records are reported as errors and left out.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(ImportFileSummary summary, int headerLine, IReadOnlyList<string> headers, List<CsvLine> rows)
    {
        Summary = summary;
        HeaderLine = headerLine;
        Headers = headers;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            _columns.TryAdd(headers[i], i);
        }
    }

    public ImportFileSummary Summary { get; }
    public string File => Summary.File;

    /// <summary>The line of the header: 1, or 2 below an Excel <c>sep=</c> line.</summary>
    public int HeaderLine { get; }
    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<CsvLine> Rows { get; }

    /// <summary>The index of a column by name (case-insensitive, trimmed), or -1 when the file has no such column.</summary>
    public int ColumnIndex(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Reads the file at <paramref name="path"/>; null (with an error reported) when it cannot be read at all.</summary>
    public static CsvTable? Read(string path, ImportIssueCollector issues)
    {
        var file = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            issues.Error(file, 0, $"cannot read the file ({e.GetType().Name})");
            return null;
        }

        var text = CsvTextDecoder.Decode(bytes, out var encodingName);
        if (string.IsNullOrWhiteSpace(text))
        {
            issues.Error(file, 1, "the file is empty: no header line");
            return null;
        }

        var delimiter = CsvDelimiterDetector.Detect(text);
        var hasSeparatorHint = CsvDelimiterDetector.HasSeparatorHint(text);
        var headerLine = hasSeparatorHint ? 2 : 1;
        var badLines = new HashSet<int>();
        var options = new CsvReaderOptions
        {
            // CsvHelper skips Excel's "sep=;" line itself (and still counts it as line 1) when it is left to detect.
            Separator = hasSeparatorHint ? null : delimiter,
            DetectSeparatorHint = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => ReportMalformed(m, file, badLines, issues),
        };

        using var reader = CsvReader.FromText(text, options);
        var rows = new List<CsvLine>();
        string[] headers;
        try
        {
            headers = reader.Headers.Select(Clean).ToArray();
            ReadRows(reader, badLines, rows);
        }
        catch (CsvFormatException e)
        {
            // Not expected with Recover/Skip handling, but an unreadable file must still end as a listed error.
            issues.Error(file, e.LineNumber > 0 ? checked((int)e.LineNumber) : headerLine, "unreadable CSV: " + e.Message);
            return null;
        }

        WarnAboutHeader(file, headerLine, headers, rows.Count, issues);
        var summary = new ImportFileSummary(file, encodingName, delimiter, rows.Count);
        return new CsvTable(summary, headerLine, headers, rows);
    }

    private static void ReadRows(CsvReader reader, HashSet<int> badLines, List<CsvLine> rows)
    {
        while (reader.Read())
        {
            var line = checked((int)reader.LineNumber);
            if (badLines.Contains(line))
            {
                continue;
            }

            var fields = new string[reader.FieldCount];
            var allEmpty = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Clean(reader.GetString(i));
                allEmpty &= fields[i].Length == 0;
            }

            // Excel leaves rows of bare delimiters (";;;;") below the data; they are not records.
            if (!allEmpty)
            {
                rows.Add(new CsvLine(line, fields));
            }
        }
    }

    private static void WarnAboutHeader(string file, int headerLine, string[] headers, int rowCount, ImportIssueCollector issues)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (header.Length > 0 && !seen.Add(header))
            {
                issues.Warning(file, headerLine, $"column '{header}' appears more than once; the first one is used");
            }
        }

        if (rowCount == 0)
        {
            issues.Warning(file, headerLine, "the file has a header but no data records");
        }
    }

    private static void ReportMalformed(CsvMalformedRecord record, string file, HashSet<int> badLines, ImportIssueCollector issues)
    {
        var line = checked((int)record.LineNumber);
        if (record.Reason == CsvMalformedReason.StrayQuote && !record.Skipped)
        {
            // RFC 4180 keeps a quote inside an unquoted field as text (Hansen "Bager"): readable, worth a look.
            issues.Warning(file, line, "stray quote character inside an unquoted field; kept as text");
            return;
        }

        // One bad quote can run into the field count check as well: report each record once.
        if (!badLines.Add(line))
        {
            return;
        }

        var reason = record.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "unreadable row: a quoted field is never closed (the rest of the file is part of it)",
            CsvMalformedReason.TextAfterClosingQuote => "unreadable row: text after the closing quote of a field",
            CsvMalformedReason.LineBreakInQuotes => "unreadable row: line break inside quotes",
            CsvMalformedReason.FieldCountMismatch => "unreadable row: the number of fields differs from the header",
            _ => string.Create(CultureInfo.InvariantCulture, $"unreadable row: {record.Reason}"),
        };
        issues.Error(file, line, reason);
    }

    /// <summary>Trims (also non-breaking spaces, which Excel exports keep) and normalises to NFC.</summary>
    private static string Clean(string value)
    {
        var trimmed = value.Trim().Trim('\uFEFF');
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }
}
