namespace Notices.Campaigns;

/// <summary>
/// The ids of one column of a CSV file in the notice package (serial numbers or patient ids), keyed for lookup with
/// the line each first appears on, so a plan can say where a device or patient was listed. Read once per load.
/// </summary>
public sealed class PackageIdList(string name, Dictionary<string, int> lines, Func<string, string> key)
{
    /// <summary>The path as notice.yaml gives it, relative to the package (e.g. remediated.csv).</summary>
    public string Name { get; } = name;
    public int Count => lines.Count;

    /// <summary>The id listed first in the file (as keyed), for a made-up example device; null for an empty list.</summary>
    public string? FirstListed => lines.Count == 0 ? null : lines.MinBy(pair => pair.Value).Key;

    /// <summary>The line <paramref name="id"/> is listed on, or null when it is not listed.</summary>
    public int? LineOf(string id) => lines.TryGetValue(key(id), out var line) ? line : null;
}
