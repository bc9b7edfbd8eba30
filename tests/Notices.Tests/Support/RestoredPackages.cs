using System.Text.Json;
using System.Text.RegularExpressions;

namespace Notices.Tests.Support;

/// <summary>
/// The NuGet packages that the solution's projects restore, direct and transitive, read from each project's
/// <c>obj/project.assets.json</c> (written by restore, which every build runs before the tests).
/// </summary>
internal static partial class RestoredPackages
{
    /// <summary>Every package of every project in Notices.sln, one entry per project that restores it.</summary>
    public static IReadOnlyList<RestoredPackage> Read(string repoRoot)
    {
        var packages = new List<RestoredPackage>();
        foreach (var projectFile in SolutionProjects(repoRoot))
        {
            packages.AddRange(ReadProject(repoRoot, projectFile));
        }

        return packages;
    }

    /// <summary>The .csproj paths (relative, with '/') listed in Notices.sln.</summary>
    public static IReadOnlyList<string> SolutionProjects(string repoRoot)
    {
        var solution = Path.Combine(repoRoot, "Notices.sln");
        var projects = File.ReadLines(solution)
            .Select(line => ProjectLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value.Replace('\\', '/'))
            .ToList();
        return projects.Count > 0 ? projects : throw new InvalidDataException($"No .csproj found in {solution}.");
    }

    private static List<RestoredPackage> ReadProject(string repoRoot, string projectFile)
    {
        var project = Path.GetFileNameWithoutExtension(projectFile);
        var projectDirectory = Path.GetDirectoryName(Path.Combine(repoRoot, projectFile))!;
        var assetsFile = Path.Combine(projectDirectory, "obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            throw new FileNotFoundException($"{assetsFile} is missing: restore the solution (dotnet restore Notices.sln) first.", assetsFile);
        }

        using var assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        var root = assets.RootElement;
        var packageFolders = root.GetProperty("packageFolders").EnumerateObject().Select(folder => folder.Name).ToList();

        var packages = new List<RestoredPackage>();
        foreach (var library in root.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package")
            {
                continue; // "project" entries are the solution's own projects
            }

            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new InvalidDataException($"Library '{library.Name}' in {assetsFile} is not 'id/version'.");
            }

            var path = library.Value.GetProperty("path").GetString()
                ?? throw new InvalidDataException($"Library '{library.Name}' in {assetsFile} has no path.");
            var directory = packageFolders
                .Select(folder => Path.Combine(folder, path))
                .FirstOrDefault(Directory.Exists);
            packages.Add(new RestoredPackage(library.Name[..slash], library.Name[(slash + 1)..], project, directory));
        }

        return packages;
    }

    // Project("{FAE04EC0-...}") = "Notices", "src\Notices\Notices.csproj", "{82EF4F8F-...}"
    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""([^""]+\.csproj)""", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectLine();
}
