using System.Globalization;
using Notices.Records;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>
/// Reads a CSV file that notice.yaml names (serials_file, exclude_serials_file, exclude_patients_file) into a
/// <see cref="PackageIdList"/>. The CSV is read like the records files (UTF-8 with or without BOM, ';' or ','). A path
/// outside the package, a missing file or column, an empty id or an unreadable row is a <c>file:line: reason</c> problem.
/// </summary>
internal static class PackageIdListReader
{
    private const int MaxListed = 20;

    public static PackageIdList? Read(YamlNodeReader reader, YamlMappingNode map, string key, string path, string packageDirectory,
        string column, Func<string, string> idKey)
    {
        var relative = reader.OptionalString(map, key, path);
        var node = reader.Child(map, key);
        if (relative is null)
        {
            // A key given without a file would silently drop the list (a serials_file rule would match every serial).
            if (node is YamlScalarNode)
            {
                reader.Problem(node, $"'{path}' names no file; give a CSV file in the notice package or leave the key out.");
            }

            return null;
        }

        var full = Path.GetFullPath(Path.Combine(packageDirectory, relative));
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(packageDirectory)) + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(relative) || relative.Replace('\\', '/').Split('/').Contains("..")
            || !full.StartsWith(root, StringComparison.Ordinal))
        {
            reader.Problem(node, $"'{path}' must be a file inside the notice package (no absolute path, no '..'), not '{relative}'.");
            return null;
        }

        if (!File.Exists(full))
        {
            reader.Problem(node, $"'{path}': file '{relative}' not found in the notice package.");
            return null;
        }

        // A link inside the package (to the file or to a folder on its way) may point anywhere; the list must be part
        // of what is approved.
        var realRoot = Path.TrimEndingDirectorySeparator(RealPath(packageDirectory)) + Path.DirectorySeparatorChar;
        if (!RealPath(full).StartsWith(realRoot, StringComparison.Ordinal))
        {
            reader.Problem(node, $"'{path}': '{relative}' is a link to a file outside the notice package; copy the file into the package.");
            return null;
        }

        // A named pipe (or device) also has length 0; opening it would wait for a writer forever.
        if (new FileInfo(full).Length == 0)
        {
            reader.Raw(string.Create(CultureInfo.InvariantCulture, $"{full}:1: the file is empty (or not a regular file): no header line."));
            return null;
        }

        var issues = new ImportIssueCollector(MaxListed);
        var problems = new List<string>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var csv = CsvFile.Open(full, issues))
        {
            if (csv is not null)
            {
                var index = csv.ColumnIndex(column);
                if (index < 0)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{full}:{csv.HeaderLine}: missing column '{column}' (named by {path} in notice.yaml)."));
                }
                else
                {
                    foreach (var row in csv.Rows())
                    {
                        var id = row.Get(index);
                        if (id.Length == 0)
                        {
                            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{full}:{row.Line}: empty {column}."));
                            continue;
                        }

                        lines.TryAdd(idKey(id), row.Line);
                    }
                }
            }
        }

        // Every issue the CSV reader finds (bad bytes, unreadable rows, control characters, no rows) is a problem here:
        // a list that decides who is notified must be read exactly as written.
        foreach (var issue in issues.Errors.Concat(issues.Warnings))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{full}:{Math.Max(issue.Line, 1)}: {issue.Reason}."));
        }

        var listed = Math.Min(problems.Count, MaxListed);
        var unlisted = problems.Count - listed + issues.TotalErrors + issues.TotalWarnings - issues.Errors.Count - issues.Warnings.Count;
        foreach (var problem in problems.Take(listed))
        {
            reader.Raw(problem);
        }

        if (unlisted > 0)
        {
            reader.Raw(string.Create(CultureInfo.InvariantCulture, $"{full}:1: {unlisted} more problems not listed."));
        }

        return problems.Count > 0 || unlisted > 0 ? null : new PackageIdList(relative, lines, idKey);
    }

    /// <summary>The path with every link on it resolved, folder by folder (like realpath(3)).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var parts = new LinkedList<string>(full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (parts.First is { } first)
        {
            var part = first.Value;
            parts.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null || ++hops > 40)
            {
                current = next;
                continue;
            }

            // The target's parts are walked in turn, so links inside it are resolved as well.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var t in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                parts.AddFirst(t);
            }
        }

        return current;
    }
}
