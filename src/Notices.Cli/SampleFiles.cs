using System.Reflection;

namespace Notices.Cli;

/// <summary>The sample notice package and CSV files embedded in the CLI, written out for the demo.</summary>
public static class SampleFiles
{
    /// <summary>Writes the sample under <paramref name="directory"/>; returns (patients.csv, devices.csv, notice folder).</summary>
    public static (string Patients, string Devices, string NoticeDirectory) Extract(string directory)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var noticeDir = Path.Combine(directory, "notice");
        Directory.CreateDirectory(noticeDir);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("sample/", StringComparison.Ordinal)))
        {
            var relative = name["sample/".Length..];
            var target = relative.StartsWith("notice/", StringComparison.Ordinal)
                ? Path.Combine(noticeDir, relative["notice/".Length..])
                : Path.Combine(directory, relative);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }

        return (Path.Combine(directory, "patients.csv"), Path.Combine(directory, "devices.csv"), noticeDir);
    }
}
