using System.Globalization;
using System.Text;
using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>
/// manifest.csv beside the batch files, for the print room or hybrid-mail provider: UTF-8 with BOM, <c>;</c>, CRLF
/// (Danish Excel), cells escaped with <see cref="CsvCell"/>. Always written whole, never appended: each sealed
/// batch's rows are kept beside it (<see cref="PrintBatchFolder"/>) and the manifest is rebuilt from them.
/// </summary>
public static class PrintManifest
{
    public const string FileName = "manifest.csv";

    public static readonly IReadOnlyList<string> Header =
    [
        "batch", "position", "letter_id", "patient_id", "pages", "first_page", "postal_code", "country", "pdf_sha256",
        "blank_pages",
    ];

    /// <summary>Writes the whole file: temp name, fsync, rename. A reader sees the old file or the new one, never half.</summary>
    public static void WriteFile(string path, IEnumerable<PrintManifestRow> rows)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
            writer.NewLine = "\r\n";
            writer.WriteLine(CsvCell.Row(Header));
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

        File.Move(temp, path, overwrite: true);
    }

    public static IReadOnlyList<PrintManifestRow> Read(string directory) => ReadFile(Path.Combine(directory, FileName));

    public static IReadOnlyList<PrintManifestRow> ReadFile(string path)
    {
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
