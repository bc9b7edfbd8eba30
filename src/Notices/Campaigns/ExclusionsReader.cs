using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Reads <c>exclude_serials_file</c> and <c>exclude_patients_file</c> from the top of notice.yaml.</summary>
internal static class ExclusionsReader
{
    public static Exclusions Read(YamlNodeReader reader, YamlMappingNode root, string packageDirectory)
    {
        // A misspelt exclusion (exclude_serial_file) would be ignored and write to patients the list was meant to spare.
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? "";
            if (name.StartsWith("exclude", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(name, "exclude_serials_file", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(name, "exclude_patients_file", StringComparison.OrdinalIgnoreCase))
            {
                reader.Problem(key, $"unknown key '{name}'; the exclusions are exclude_serials_file and exclude_patients_file.");
            }
        }

        return new Exclusions(
            PackageIdListReader.Read(reader, root, "exclude_serials_file", "exclude_serials_file", packageDirectory,
                Records.RecordColumns.SerialNumber, SerialNumber.Key),
            PackageIdListReader.Read(reader, root, "exclude_patients_file", "exclude_patients_file", packageDirectory,
                Records.RecordColumns.PatientId, Exclusions.PatientKey));
    }
}
