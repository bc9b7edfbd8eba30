namespace Notices.Tests.Support;

/// <summary>Finds files of the repository (templates, samples) from the test's bin folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleNotice => Path.Combine(Root, "templates", "fa830-minimed");
    public static string SamplePatients => Path.Combine(Root, "samples", "patients.csv");
    public static string SampleDevices => Path.Combine(Root, "samples", "devices.csv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Notices.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Notices.sln not found above " + AppContext.BaseDirectory);
    }
}
