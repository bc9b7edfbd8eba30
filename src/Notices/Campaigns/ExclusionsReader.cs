using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Reads <c>exclude_serials_file</c> and <c>exclude_patients_file</c> from the top of notice.yaml.</summary>
internal static class ExclusionsReader
{
    public static Exclusions Read(YamlNodeReader reader, YamlMappingNode root, string packageDirectory) => new(
        PackageIdListReader.Read(reader, root, "exclude_serials_file", "exclude_serials_file", packageDirectory,
            Records.RecordColumns.SerialNumber, SerialNumber.Key),
        PackageIdListReader.Read(reader, root, "exclude_patients_file", "exclude_patients_file", packageDirectory,
            Records.RecordColumns.PatientId, Exclusions.PatientKey));
}
