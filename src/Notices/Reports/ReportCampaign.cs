namespace Notices.Reports;

/// <summary>What the report says about the campaign itself (no patient data).</summary>
/// <param name="NoticeTitle">The notice's subject line as the letters carry it.</param>
/// <param name="FirstLetterDate">The day the first letter was made (Danish time); null when none was.</param>
public sealed record ReportCampaign(string CampaignId, string Reference, string NoticeTitle, DateOnly? FirstLetterDate, DateOnly ReportDate)
{
    /// <summary>The campaign's latest package approval (<c>notices approve</c>); null when the package was never approved.</summary>
    public Approvals.RecordedApproval? LatestApproval { get; init; }

    /// <summary>How many send or remind runs went on with <c>--unapproved</c>.</summary>
    public int UnapprovedRuns { get; init; }
}
