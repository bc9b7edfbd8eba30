namespace Notices.Confirmations;

/// <summary>
/// A Maildir read strictly read-only: the message files in new/ and cur/ (tmp/ holds messages still being written).
/// Nothing here moves, renames, flags or deletes a file; the mail system keeps owning the folder.
/// </summary>
public sealed class MaildirFolder
{
    /// <summary>Larger files are not read into memory; a delivery report is a few kilobytes.</summary>
    public const long MaxMessageBytes = 32L * 1024 * 1024;

    public MaildirFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        if (!IsMaildir(Path))
        {
            throw new DirectoryNotFoundException($"{path} is not a Maildir: it needs the subfolders new/ and cur/.");
        }
    }

    public string Path { get; }

    public static bool IsMaildir(string path) =>
        Directory.Exists(System.IO.Path.Combine(path, "new")) && Directory.Exists(System.IO.Path.Combine(path, "cur"));

    /// <summary>Message files of new/ and cur/, ordered by file name (Maildir names start with the delivery time).
    /// Dot files are skipped.</summary>
    public IReadOnlyList<MaildirFile> Files()
    {
        var files = new List<MaildirFile>();
        foreach (var folder in new[] { "new", "cur" })
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(Path, folder)))
            {
                var name = System.IO.Path.GetFileName(file);
                if (!name.StartsWith('.'))
                {
                    files.Add(new MaildirFile(name, folder, file));
                }
            }
        }

        return files.OrderBy(f => f.FileName, StringComparer.Ordinal).ThenBy(f => f.Folder, StringComparer.Ordinal).ToList();
    }
}
