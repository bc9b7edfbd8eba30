using Notices.Ledger;
using Notices.Letters;

namespace Notices.Reports;

/// <summary>Writes <c>out/&lt;campaign&gt;/report.pdf</c>: lays the report out, then draws it; temp file moved into place.</summary>
public static class EffectivenessReportPdf
{
    public const string FileName = "report.pdf";

    /// <summary>Writes <c>{campaignDir}/report.pdf</c>; returns its path and page count.</summary>
    public static (string Path, int Pages) Write(EffectivenessFigures figures, LedgerHeadSummary head, string campaignDir)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var pages = EffectivenessReportLayout.Layout(figures, head);
        Directory.CreateDirectory(campaignDir);
        var path = Path.Combine(campaignDir, FileName);
        var temp = path + ".tmp";
        var metadata = new PdfMetadata(
            EffectivenessReportLayout.Title + " – " + figures.Campaign.CampaignId,
            "Notices",
            figures.Campaign.NoticeTitle,
            "effektivitetskontrol; " + figures.Campaign.Reference);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            ReportPdfDrawer.Draw(pages, metadata, stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return (path, pages.Count);
    }
}
