using System.Xml.Linq;

namespace Notices.Tests.Support;

/// <summary>The direct dependencies: every <c>&lt;PackageVersion Include Version&gt;</c> of Directory.Packages.props.</summary>
internal static class CentralPackageVersions
{
    /// <summary>Package id to version, ids compared case-insensitively as NuGet does.</summary>
    public static IReadOnlyDictionary<string, string> Read(string propsPath)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in XDocument.Load(propsPath).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
        {
            var id = (string?)element.Attribute("Include");
            var version = (string?)element.Attribute("Version");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(version))
            {
                throw new InvalidDataException($"{propsPath}: a <PackageVersion> without Include or Version: {element}");
            }

            if (!versions.TryAdd(id, ExactVersion(version)))
            {
                throw new InvalidDataException($"{propsPath}: {id} has two <PackageVersion> entries.");
            }
        }

        return versions;
    }

    // "[6.2.4]" pins exactly; it restores as "6.2.4".
    private static string ExactVersion(string version)
    {
        var trimmed = version.Trim();
        return trimmed.Length > 2 && trimmed[0] == '[' && trimmed[^1] == ']' && !trimmed.Contains(',', StringComparison.Ordinal)
            ? trimmed[1..^1].Trim()
            : trimmed;
    }
}
