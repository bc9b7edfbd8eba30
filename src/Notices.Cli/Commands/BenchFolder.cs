namespace Notices.Cli.Commands;

/// <summary>
/// The benchmark's working folder. The benchmark wipes it before each run, so it only ever wipes a folder it made
/// itself: one holding its marker file. A new or empty folder is taken and marked; anything else (a campaign's
/// store, letters, a home directory given by mistake) is refused, untouched.
/// </summary>
public static class BenchFolder
{
    public const string MarkerName = ".notices-bench";

    /// <summary>Makes <paramref name="directory"/> an empty, marked benchmark folder, or throws <see cref="UsageException"/>.</summary>
    public static void Prepare(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new UsageException($"--out {directory} is a file; give a folder for the benchmark.");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!File.Exists(Path.Combine(full, MarkerName)))
            {
                throw new UsageException(
                    $"--out {directory} is not empty and was not made by 'notices bench' (no {MarkerName} file): the benchmark "
                    + "wipes its folder, so it refuses this one. Give a new or empty folder.");
            }

            // Our own folder from an earlier run: clear what is inside, keep the folder itself (it may be a mount point).
            foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo { LinkTarget: null } folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, MarkerName),
            "Made by 'notices bench'. The benchmark deletes everything in this folder when it runs here again.\n");
    }
}
