using Notices.Model;

namespace Notices.Campaigns;

/// <summary>One device of a patient as the planner sees it: the rules' verdict and the exclusion line, if listed.</summary>
public sealed record DeviceAssessment(Device Device, DeviceMatchResult Match, int? ExcludedLine)
{
    /// <summary>Matched by a rule and not excluded: the device goes in the letter.</summary>
    public bool InLetter => Match.Affected && ExcludedLine is null;
}
