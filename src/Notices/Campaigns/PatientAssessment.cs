namespace Notices.Campaigns;

/// <summary>A patient's devices assessed against a notice, and the exclusion line when the patient is excluded.</summary>
public sealed record PatientAssessment(PatientRecords Records, IReadOnlyList<DeviceAssessment> Devices, int? PatientExcludedLine)
{
    public IEnumerable<DeviceAssessment> LetterDevices => PatientExcludedLine is null ? Devices.Where(d => d.InLetter) : [];
    public bool GetsLetter => LetterDevices.Any();
}
