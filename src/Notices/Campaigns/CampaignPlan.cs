namespace Notices.Campaigns;

/// <summary>Who gets a letter in a campaign, by which channel, and what needs attention.</summary>
public sealed record CampaignPlan(
    NoticePackage Notice,
    IReadOnlyList<PlannedLetter> Letters,
    IReadOnlyList<PlanProblem> Problems,
    int PatientsScanned,
    int DevicesScanned)
{
    /// <summary>Devices a rule matched that exclude_serials_file removed.</summary>
    public int ExcludedDevices { get; init; }
    /// <summary>Patients who would have had a letter but exclude_patients_file removed.</summary>
    public int ExcludedPatients { get; init; }
    public int AffectedDeviceCount => Letters.Sum(l => l.Devices.Count);
    public int Count(DeliveryChannelKind channel) => Letters.Count(l => l.Channel == channel);
}
