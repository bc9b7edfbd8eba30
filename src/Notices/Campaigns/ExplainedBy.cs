namespace Notices.Campaigns;

/// <summary>How <c>plan --explain</c> found the patient: by the id given, or by one of their devices' serial number.</summary>
public enum ExplainedBy
{
    PatientId,
    SerialNumber,
}
