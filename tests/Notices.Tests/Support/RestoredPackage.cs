namespace Notices.Tests.Support;

/// <summary>
/// One package in one project's <c>obj/project.assets.json</c>: its id and version as restored, the project that restores
/// it, and its folder in the NuGet packages folder (null when none of the assets file's packageFolders has it).
/// </summary>
internal sealed record RestoredPackage(string Id, string Version, string Project, string? PackageDirectory)
{
    /// <summary>The SPDX licence expression its nuspec gives (see <see cref="NuspecLicence"/>).</summary>
    /// <exception cref="InvalidDataException">The licence cannot be determined; the message names the package.</exception>
    public string ReadLicence() =>
        PackageDirectory is null
            ? throw new InvalidDataException($"{Id} {Version}: its folder is in none of the packageFolders of {Project}'s assets file.")
            : NuspecLicence.Read(PackageDirectory, Id, Version);
}
