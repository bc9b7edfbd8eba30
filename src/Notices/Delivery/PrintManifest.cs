using System.Globalization;
using CsvHelper;
using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>
/// manifest.csv beside the batch files, for the post room or hybrid-mail provider: UTF-8 with BOM, <c>;</c>, CRLF
/// (Danish Excel), written with CsvHelper with its own formula-injection guard (<see cref="CsvInjection.Escape"/>),
/// because postal codes and cities come from imported records. Always written whole, never appended: each sealed
/// batch's rows are kept beside it (<see cref="PrintBatchFolder"/>) and the manifest is rebuilt from them.
/// Read by column name, so rows files written by older versions (fewer columns, "position") still read.
/// </summary>
public static class PrintManifest
{
    public const string FileName = "manifest.csv";

    /// <summary>The columns, in order. No names or street addresses: postal code, city and country only.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "batch", "sequence", "letter_id", "patient_id", "pages", "blank_pages", "sheets", "first_page", "last_page",
        "postal_code", "city", "country", "large_print", "over_capacity", "pdf_sha256",
    ];

    /// <summary>The options the manifest is written with: <c>;</c>, CRLF, a BOM, and CsvHelper's formula guard.</summary>
    public static CsvWriterOptions Options() => new()
    {
        Separator = ';',
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes the whole file: temp name, fsync, rename. A reader sees the old file or the new one, never half.</summary>
    public static void WriteFile(string path, IEnumerable<PrintManifestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var csv = CsvWriter.Create(stream, Options(), leaveOpen: true))
            {
                csv.WriteHeader([.. Header]);
                foreach (var row in rows)
                {
                    csv.WriteRecord(Fields(row));
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One row's cells, in the order of <see cref="Header"/>.</summary>
    public static string[] Fields(PrintManifestRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return
        [
            row.Batch,
            Number(row.Sequence),
            row.LetterId,
            row.PatientId,
            Number(row.Pages),
            Number(row.BlankPages),
            Number(row.Sheets),
            Number(row.FirstPage),
            Number(row.LastPage),
            row.PostalCode ?? "",
            row.City ?? "",
            row.Country,
            YesNo(row.LargePrint),
            YesNo(row.OverCapacity),
            row.PdfSha256,
        ];
    }

    public static IReadOnlyList<PrintManifestRow> Read(string directory) => ReadFile(Path.Combine(directory, FileName));

    /// <summary>
    /// Reads a manifest or rows file by column name. Columns an older file lacks get what they meant then: sheets from
    /// the pages (duplex), no large print, not over capacity.
    /// </summary>
    public static IReadOnlyList<PrintManifestRow> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = new List<PrintManifestRow>();
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ';' });
        var columns = reader.Headers
            .Select((name, index) => (name: name.Trim().TrimStart('\uFEFF'), index))
            .GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            string Cell(string name) =>
                columns.TryGetValue(name, out var i) && i < reader.FieldCount ? CsvCell.Unescape(reader.GetString(i)) : "";
            int Int(string name) =>
                int.TryParse(Cell(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
            bool Flag(string name) => Cell(name).Trim().ToLowerInvariant() is "yes" or "ja" or "true" or "1";

            var pages = Int("pages");
            var blank = Int("blank_pages");
            var postal = Cell("postal_code");
            var city = Cell("city");
            rows.Add(new PrintManifestRow(
                Batch: Cell("batch"),
                Sequence: columns.ContainsKey("sequence") ? Int("sequence") : Int("position"),
                LetterId: Cell("letter_id"),
                PatientId: Cell("patient_id"),
                Pages: pages,
                BlankPages: blank,
                Sheets: columns.ContainsKey("sheets") ? Int("sheets") : Campaigns.Envelope.SheetsFor(pages, blank, duplex: true),
                FirstPage: Int("first_page"),
                PostalCode: postal.Length == 0 ? null : postal,
                City: city.Length == 0 ? null : city,
                Country: Cell("country"),
                LargePrint: Flag("large_print"),
                OverCapacity: Flag("over_capacity"),
                PdfSha256: Cell("pdf_sha256")));
        }

        return rows;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";
}
