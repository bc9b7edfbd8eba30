namespace Notices.Reports;

/// <summary>What the report says about the campaign itself (no patient data).</summary>
/// <param name="NoticeTitle">The notice's subject line as the letters carry it.</param>
/// <param name="FirstLetterDate">The day the first letter was made (Danish time); null when none was.</param>
public sealed record ReportCampaign(string CampaignId, string Reference, string NoticeTitle, DateOnly? FirstLetterDate, DateOnly ReportDate);
