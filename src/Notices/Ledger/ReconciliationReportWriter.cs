using System.Globalization;
using System.Text;
using Notices.Model;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Writes <c>out/&lt;campaign&gt;/report.csv</c>: one row per letter (= affected patient) with its projected state.
/// The file is UTF-8 with a BOM and <c>;</c>-separated with CRLF line ends, because that is what Danish Excel opens
/// correctly by double-click (without the BOM it guesses Windows-1252 and breaks æøå; <c>,</c> is the da-DK decimal
/// separator). Every cell goes through <see cref="CsvCell"/> against formula injection. Ids and hashes only:
/// no names or addresses. The file is written to a temp name and moved into place, so a reader never sees half a report.
/// </summary>
public sealed class ReconciliationReportWriter
{
    public const string FileName = "report.csv";

    public static readonly IReadOnlyList<string> Header =
        ["letter_id", "patient_id", "channel", "state", "email", "last_event", "last_event_at", "pdf_sha256", "detail"];

    private readonly TimeZoneInfo _timeZone;

    /// <param name="timeZone">Zone for last_event_at; defaults to Europe/Copenhagen (UTC when the zone is unknown).</param>
    public ReconciliationReportWriter(TimeZoneInfo? timeZone = null)
    {
        _timeZone = timeZone ?? FindCopenhagen();
    }

    /// <summary>Projects the campaign from the store and writes <c>{outDir}/{campaignId}/report.csv</c>; returns its path.</summary>
    public string Write(NoticesDbContext db, string campaignId, string outDir)
    {
        var projection = LetterStateProjector.Project(db, campaignId);
        return Write(projection, Path.Combine(outDir, campaignId));
    }

    /// <summary>Writes <c>{campaignDir}/report.csv</c>; returns its path.</summary>
    public string Write(CampaignProjection projection, string campaignDir)
    {
        ArgumentNullException.ThrowIfNull(projection);
        Directory.CreateDirectory(campaignDir);
        var path = Path.Combine(campaignDir, FileName);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        {
            writer.NewLine = "\r\n";
            writer.WriteLine(CsvCell.Row(Header));
            foreach (var letter in projection.Letters)
            {
                writer.WriteLine(CsvCell.Row(
                [
                    letter.LetterId,
                    letter.PatientId,
                    letter.Channel?.ToString(),
                    letter.State.ToString(),
                    letter.Email == EmailStage.None ? "" : letter.Email.ToString().ToLowerInvariant(),
                    letter.LastEvent,
                    FormatTime(letter.LastEventAt),
                    letter.PdfSha256,
                    letter.Detail,
                ]));
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>
    /// ISO order with a space instead of T and no fraction, in Danish local time with its offset, e.g.
    /// <c>2026-11-21 14:03:12 +01:00</c>: sortable, unambiguous, and readable in a Danish spreadsheet.
    /// </summary>
    public string FormatTime(DateTimeOffset? at)
    {
        if (at is null)
        {
            return "";
        }

        var local = TimeZoneInfo.ConvertTime(at.Value, _timeZone);
        return local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }

    private static TimeZoneInfo FindCopenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
