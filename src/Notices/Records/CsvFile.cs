using System.Globalization;
using CsvHelper;

namespace Notices.Records;

/// <summary>
/// A CSV file read record by record with CsvHelper after its encoding and delimiter are known, so memory holds one
/// record, not the file. Each record's fields are cleaned (<see cref="FieldText"/>); unreadable records, invalid
/// encodings and NUL characters are reported as errors, control characters as warnings, all with their lines.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    /// <summary>A record this long is no CSV row: almost always a quote that is never closed, swallowing the file.</summary>
    private const int MaxRecordBytes = 1 << 20;

    private readonly CsvReader _reader;
    private readonly ImportIssueCollector _issues;
    private readonly CsvEncodingScan _encoding;
    private readonly char _delimiter;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _badLines;
    private int _records;
    private bool _unreadable;

    private CsvFile(string file, CsvReader reader, CsvEncodingScan encoding, char delimiter, int headerLine, string[] headers,
        HashSet<int> badLines, ImportIssueCollector issues)
    {
        File = file;
        _reader = reader;
        _encoding = encoding;
        _delimiter = delimiter;
        HeaderLine = headerLine;
        Headers = headers;
        _badLines = badLines;
        _issues = issues;
        for (var i = 0; i < headers.Length; i++)
        {
            _columns.TryAdd(headers[i], i);
        }
    }

    /// <summary>The file name without directory, as messages name it.</summary>
    public string File { get; }

    /// <summary>The line of the header: 1, or 2 below an Excel <c>sep=</c> line.</summary>
    public int HeaderLine { get; }
    public IReadOnlyList<string> Headers { get; }

    /// <summary>How the file was read; the record count is complete once <see cref="Rows"/> has been enumerated.</summary>
    public ImportFileSummary Summary => new(File, _encoding.Name, _delimiter, _records);

    /// <summary>The index of a column by name (case-insensitive, trimmed), or -1 when the file has no such column.</summary>
    public int ColumnIndex(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Opens the file at <paramref name="path"/>; null (with errors reported) when it cannot be read at all.</summary>
    public static CsvFile? Open(string path, ImportIssueCollector issues)
    {
        var file = Path.GetFileName(path);
        CsvEncodingScan encoding;
        string head;
        try
        {
            using (var stream = System.IO.File.OpenRead(path))
            {
                encoding = CsvTextDecoder.Detect(stream, issues.MaxListed);
            }

            head = encoding.Kind == CsvEncodingKind.MixedUtf8 ? "" : ReadHead(path, encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            issues.Error(file, 0, $"cannot read the file ({e.GetType().Name})");
            return null;
        }

        if (encoding.Kind == CsvEncodingKind.MixedUtf8)
        {
            ReportInvalidBytes(file, encoding, issues);
            return null;
        }

        if (string.IsNullOrWhiteSpace(head))
        {
            issues.Error(file, 1, "the file is empty: no header line");
            return null;
        }

        var delimiter = CsvDelimiterDetector.Detect(head);
        var hasSeparatorHint = CsvDelimiterDetector.HasSeparatorHint(head);
        var badLines = new HashSet<int>();
        var options = new CsvReaderOptions
        {
            // CsvHelper skips Excel's "sep=;" line itself (and still counts it as line 1) when it is left to detect.
            Separator = hasSeparatorHint ? null : delimiter,
            DetectSeparatorHint = true,
            Encoding = encoding.Encoding,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            // Only spaces: a TAB at the edge of a field goes to FieldText, which replaces it with a warning.
            WhitespaceCharacters = " ",
            MaxRecordSize = MaxRecordBytes,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => ReportMalformed(m, file, badLines, issues),
        };

        var reader = CsvReader.FromFile(path, options);
        var headerLine = hasSeparatorHint ? 2 : 1;
        try
        {
            var headers = reader.Headers.Select(h => FieldText.Clean(h, out _)).ToArray();
            WarnAboutDuplicateColumns(file, headerLine, headers, issues);
            return new CsvFile(file, reader, encoding, delimiter, headerLine, headers, badLines, issues);
        }
        catch (CsvFormatException e)
        {
            reader.Dispose();
            issues.Error(file, e.LineNumber > 0 ? checked((int)e.LineNumber) : headerLine, Unreadable(e));
            return null;
        }
    }

    /// <summary>
    /// The data records, cleaned, in file order, each read when asked for. Rows of bare delimiters are skipped;
    /// unreadable rows are reported and skipped.
    /// </summary>
    public IEnumerable<CsvLine> Rows()
    {
        while (TryRead(out var line))
        {
            if (_badLines.Remove(line))
            {
                continue;
            }

            var row = Clean(line);
            if (row is not null)
            {
                _records++;
                yield return row;
            }
        }

        if (_records == 0 && !_unreadable)
        {
            _issues.Warning(File, HeaderLine, "the file has a header but no data records");
        }
    }

    public void Dispose() => _reader.Dispose();

    private bool TryRead(out int line)
    {
        line = 0;
        try
        {
            if (!_reader.Read())
            {
                return false;
            }

            line = checked((int)_reader.LineNumber);
            return true;
        }
        catch (CsvFormatException e)
        {
            // Only a record past MaxRecordBytes gets here (Recover/Skip handle the rest); the file cannot go on.
            _unreadable = true;
            _issues.Error(File, e.LineNumber > 0 ? checked((int)e.LineNumber) : HeaderLine, Unreadable(e));
            return false;
        }
    }

    private CsvLine? Clean(int line)
    {
        var fields = new string[_reader.FieldCount];
        var allEmpty = true;
        List<string>? controls = null;
        List<string>? nuls = null;
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldText.Clean(_reader.GetString(i), out var repairs);
            allEmpty &= fields[i].Length == 0;
            if (repairs.HasFlag(FieldRepairs.Nul))
            {
                (nuls ??= []).Add(ColumnName(i));
            }
            else if (repairs.HasFlag(FieldRepairs.ControlCharacters))
            {
                (controls ??= []).Add(ColumnName(i));
            }
        }

        // Excel leaves rows of bare delimiters (";;;;") below the data; they are not records.
        if (allEmpty && nuls is null)
        {
            return null;
        }

        if (nuls is not null)
        {
            _issues.Error(File, line, $"NUL character (U+0000) in {string.Join(", ", nuls)}: the export is damaged; remove it and import again");
        }

        if (controls is not null)
        {
            _issues.Warning(File, line, $"control characters (TAB, line break or other) in {string.Join(", ", controls)} replaced by single spaces");
        }

        return new CsvLine(line, fields);
    }

    private string ColumnName(int index) =>
        index < Headers.Count && Headers[index].Length > 0 ? Headers[index] : string.Create(CultureInfo.InvariantCulture, $"column {index + 1}");

    private static string ReadHead(string path, CsvEncodingScan encoding)
    {
        using var reader = new StreamReader(path, encoding.Encoding ?? System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[64 * 1024];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private static void ReportInvalidBytes(string file, CsvEncodingScan encoding, ImportIssueCollector issues)
    {
        var evidence = encoding.FirstMultiByteLine > 0
            ? string.Create(CultureInfo.InvariantCulture, $"the file is UTF-8 elsewhere (line {encoding.FirstMultiByteLine})")
            : "the file starts with a UTF-8 byte order mark";
        foreach (var invalid in encoding.InvalidBytes)
        {
            issues.Error(file, invalid.Line, string.Create(CultureInfo.InvariantCulture,
                $"not valid UTF-8 (byte 0x{invalid.Value:X2}), but {evidence}: correct the character and save the file as UTF-8"));
        }

        issues.CountUnlistedErrors(encoding.InvalidLineCount - encoding.InvalidBytes.Count);
    }

    private static void WarnAboutDuplicateColumns(string file, int headerLine, string[] headers, ImportIssueCollector issues)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (header.Length > 0 && !seen.Add(header))
            {
                issues.Warning(file, headerLine, $"column '{header}' appears more than once; the first one is used");
            }
        }
    }

    private static string Unreadable(CsvFormatException e) => e.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"unreadable row: longer than {MaxRecordBytes / 1024 / 1024} MiB, most likely a quoted field that is never closed (the rest of the file is part of it)")
        : "unreadable CSV: " + e.Message;

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
}
