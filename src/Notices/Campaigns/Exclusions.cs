namespace Notices.Campaigns;

/// <summary>notice.yaml's top-level exclusions: devices already dealt with, and patients not to be written to.</summary>
public sealed record Exclusions(PackageIdList? Serials, PackageIdList? Patients)
{
    public static Exclusions None { get; } = new(null, null);

    /// <summary>The key patient ids are compared by: trimmed, case ignored (as the import compares them).</summary>
    public static string PatientKey(string patientId) => patientId.Trim().ToUpperInvariant();
}
