using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>A plan plus everything found while checking it: template problems stop here, address problems are listed.</summary>
public sealed record PlanReview(NoticePackage Notice, NoticeTemplates Templates, CampaignPlan Plan, IReadOnlyList<PlanProblem> Problems);
