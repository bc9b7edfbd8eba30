using System.Text;
using Notices.Tests.Support;

namespace Notices.Tests.Campaigns;

/// <summary>A copy of the sample notice package whose <c>affected:</c> section (and what follows) is replaced by a test's YAML.</summary>
internal static class ScopedNotice
{
    public static string Write(TempDirectory dir, string scopeYaml, string folder = "notice")
    {
        var notice = dir.File(folder);
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)), overwrite: true);
        }

        var yamlPath = Path.Combine(notice, "notice.yaml");
        var yaml = File.ReadAllText(yamlPath);
        yaml = yaml[..yaml.IndexOf("\naffected:", StringComparison.Ordinal)] + "\n" + scopeYaml.ReplaceLineEndings("\n");
        File.WriteAllText(yamlPath, yaml, new UTF8Encoding(false));
        return notice;
    }

    /// <summary>The 1-based line of the first line of <paramref name="path"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string path, string text) =>
        Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
