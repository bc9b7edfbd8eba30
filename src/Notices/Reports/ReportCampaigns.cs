using Notices.Approvals;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Store;

namespace Notices.Reports;

/// <summary>Reads what the report says about a campaign from the store and, when it is still there, its notice package.</summary>
public static class ReportCampaigns
{
    public static ReportCampaign Read(NoticesDbContext db, CampaignProjection projection, DateOnly reportDate)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(projection);
        var record = db.Campaigns.FirstOrDefault(c => c.CampaignId == projection.CampaignId);
        var reference = record?.Reference ?? projection.CampaignId;
        var title = record is null ? reference : NoticeTitle(record.NoticeDirectory) ?? reference;
        var first = projection.Letters.Select(l => l.Timeline.Rendered).OfType<DateTimeOffset>().Select(ReportDays.Day).DefaultIfEmpty().Min();
        return new ReportCampaign(projection.CampaignId, reference, title, first == default ? null : first, reportDate)
        {
            LatestApproval = RecordedApproval.Latest(db, projection.CampaignId),
            UnapprovedRuns = RecordedApproval.Unapproved(db, projection.CampaignId).Count,
        };
    }

    /// <summary>The notice's subject as the letters carry it; null when the package is gone or no longer loads.</summary>
    private static string? NoticeTitle(string directory)
    {
        try
        {
            return Directory.Exists(directory) ? NoticePackageLoader.Load(directory).Subject : null;
        }
        catch (Exception ex) when (ex is NoticePackageException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
