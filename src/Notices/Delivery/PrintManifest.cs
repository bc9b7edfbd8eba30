using System.Globalization;
using System.Text;
using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>
/// manifest.csv beside the batch files, for the print room or hybrid-mail provider: UTF-8 with BOM, <c>;</c>, CRLF
/// (Danish Excel), cells escaped with <see cref="CsvCell"/>. Rows are appended batch by batch and fsynced before the
/// batch's letters are logged as PrintBatched.
/// </summary>
public static class PrintManifest
{
    public const string FileName = "manifest.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "batch", "position", "letter_id", "patient_id", "pages", "first_page", "postal_code", "country", "pdf_sha256",
        "blank_pages",
    ];

    public static void Append(string directory, IReadOnlyList<PrintManifestRow> rows)
    {
        var path = Path.Combine(directory, FileName);
        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        // The BOM only at the very start of the file, never in the middle of an append.
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\r\n";
        if (isNew)
        {
            writer.Write('\uFEFF');
            writer.WriteLine(CsvCell.Row(Header));
        }

        foreach (var row in rows)
        {
            writer.WriteLine(CsvCell.Row(
            [
                row.Batch,
                row.Position.ToString(CultureInfo.InvariantCulture),
                row.LetterId,
                row.PatientId,
                row.Pages.ToString(CultureInfo.InvariantCulture),
                row.FirstPage.ToString(CultureInfo.InvariantCulture),
                row.PostalCode,
                row.Country,
                row.PdfSha256,
                row.BlankPages.ToString(CultureInfo.InvariantCulture),
            ]));
        }

        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    public static IReadOnlyList<PrintManifestRow> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var rows = new List<PrintManifestRow>();
        Dictionary<string, int>? columns = null;
        foreach (var cells in SemicolonCsvReader.ReadRows(reader))
        {
            if (columns is null)
            {
                columns = cells.Select((name, index) => (name, index))
                    .ToDictionary(c => c.name.Trim(), c => c.index, StringComparer.OrdinalIgnoreCase);
                continue;
            }

            string Cell(string name) =>
                columns.TryGetValue(name, out var i) && i < cells.Count ? CsvCell.Unescape(cells[i]) : "";
            int Number(string name) =>
                int.TryParse(Cell(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var postal = Cell("postal_code");
            rows.Add(new PrintManifestRow(
                Cell("batch"), Number("position"), Cell("letter_id"), Cell("patient_id"), Number("pages"),
                Number("first_page"), postal.Length == 0 ? null : postal, Cell("country"), Cell("pdf_sha256"),
                Number("blank_pages")));
        }

        return rows;
    }
}
