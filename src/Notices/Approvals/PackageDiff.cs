using Notices.Model;

namespace Notices.Approvals;

/// <summary>The files of a package that differ from an approved one: changed content, added, removed (paths, ordinal order).</summary>
public sealed record PackageDiff(IReadOnlyList<string> Changed, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool IsEmpty => Changed.Count == 0 && Added.Count == 0 && Removed.Count == 0;

    public static PackageDiff Between(IReadOnlyList<PackageFileHash> approved, IReadOnlyList<PackageFileHash> now)
    {
        ArgumentNullException.ThrowIfNull(approved);
        ArgumentNullException.ThrowIfNull(now);
        var before = new Dictionary<string, PackageFileHash>(StringComparer.Ordinal);
        foreach (var file in approved)
        {
            before[file.Path] = file;
        }

        var current = now.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var changed = now.Where(f => before.TryGetValue(f.Path, out var b) && (b.Length != f.Length || !string.Equals(b.Sha256, f.Sha256, StringComparison.Ordinal)))
            .Select(f => f.Path);
        var added = now.Where(f => !before.ContainsKey(f.Path)).Select(f => f.Path);
        var removed = before.Keys.Where(p => !current.Contains(p));
        return new PackageDiff(
            [.. changed.Order(StringComparer.Ordinal)], [.. added.Order(StringComparer.Ordinal)], [.. removed.Order(StringComparer.Ordinal)]);
    }

    /// <summary>"changed letter.md; added x.csv; removed logo.png", at most <paramref name="max"/> names per group.</summary>
    public string Describe(int max = 10)
    {
        var parts = new List<string>();
        Add(parts, "changed", Changed, max);
        Add(parts, "added", Added, max);
        Add(parts, "removed", Removed, max);
        return parts.Count == 0 ? "no file differs (the approval's file list does not match its hash)" : string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string verb, IReadOnlyList<string> paths, int max)
    {
        if (paths.Count == 0)
        {
            return;
        }

        var more = paths.Count > max ? $" and {(paths.Count - max).ToString(System.Globalization.CultureInfo.InvariantCulture)} more" : "";
        parts.Add(verb + " " + string.Join(", ", paths.Take(max)) + more);
    }
}
