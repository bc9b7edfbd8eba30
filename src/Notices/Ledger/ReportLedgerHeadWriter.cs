using System.Globalization;
using System.Text;

namespace Notices.Ledger;

/// <summary>
/// Writes <c>out/&lt;campaign&gt;/report-ledger.csv</c> next to <c>report.csv</c>: one row with the ledger head and
/// row count at the time of the report, so whoever receives the report can later check the store with
/// <c>notices verify --expect-head</c>. A file of its own keeps every row of report.csv a letter row. Same format as
/// report.csv (UTF-8 with BOM, <c>;</c>, CRLF); no key, only the key id when the ledger is keyed.
/// </summary>
public static class ReportLedgerHeadWriter
{
    public const string FileName = "report-ledger.csv";

    public static readonly IReadOnlyList<string> Header =
        ["campaign_id", "letters", "ledger_rows", "ledger_head", "ledger_key_id", "taken_at_utc", "verify_with"];

    /// <summary>Writes <c>{campaignDir}/report-ledger.csv</c>; returns its path.</summary>
    public static string Write(string campaignDir, string campaignId, int letters, LedgerHeadSummary head, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(head);
        Directory.CreateDirectory(campaignDir);
        var path = Path.Combine(campaignDir, FileName);
        var temp = path + ".tmp";
        var text = new StringBuilder()
            .Append(CsvCell.Row(Header)).Append("\r\n")
            .Append(CsvCell.Row(
            [
                campaignId,
                letters.ToString(CultureInfo.InvariantCulture),
                head.RowCount.ToString(CultureInfo.InvariantCulture),
                head.Head.ToString(),
                head.KeyId,
                takenAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                head.VerifyCommand,
            ])).Append("\r\n")
            .ToString();
        File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
