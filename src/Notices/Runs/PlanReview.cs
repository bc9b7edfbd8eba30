using Notices.Campaigns;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>A plan plus everything found while checking it: template problems stop here, address problems are listed.</summary>
/// <param name="PostPages">Page count of each post letter, by letter id, as laid out for the envelope check.</param>
public sealed record PlanReview(NoticePackage Notice, NoticeTemplates Templates, CampaignPlan Plan, IReadOnlyList<PlanProblem> Problems)
{
    public IReadOnlyDictionary<string, int> PostPages { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}
