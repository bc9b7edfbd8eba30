namespace Notices.Campaigns;

/// <summary>
/// Applies a notice's rules and exclusions to one patient at a time: the single place that decides which devices
/// a letter lists, used by the planner and by <c>plan --explain</c>.
/// </summary>
public sealed class CampaignScope(NoticePackage notice)
{
    private readonly AffectedDeviceMatcher _matcher = new(notice.Affected);

    public NoticePackage Notice => notice;

    public PatientAssessment Assess(PatientRecords records)
    {
        var devices = records.Devices
            .Select(d => new DeviceAssessment(d, _matcher.Evaluate(d), notice.Exclusions.Serials?.LineOf(d.SerialNumber)))
            .ToList();
        return new PatientAssessment(records, devices, notice.Exclusions.Patients?.LineOf(records.Patient.PatientId));
    }
}
