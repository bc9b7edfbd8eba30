using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Typed reads from a YAML mapping that record a <c>file:line: reason</c> problem instead of throwing.</summary>
internal sealed class YamlNodeReader(string file, List<string> problems)
{
    public string File { get; } = file;

    public void Problem(YamlNode? node, string reason)
    {
        var line = node is null ? 1 : (int)node.Start.Line;
        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{File}:{line}: {reason}"));
    }

    /// <summary>A problem in another file than notice.yaml, already written as <c>file:line: reason</c>.</summary>
    public void Raw(string problem) => problems.Add(problem);

    public YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && string.Equals(s.Value, key, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }

    public string? OptionalString(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode s:
                return string.IsNullOrWhiteSpace(s.Value) ? null : s.Value.Trim();
            default:
                Problem(node, $"'{path}' must be a single value.");
                return null;
        }
    }

    public string RequiredString(YamlMappingNode map, string key, string path)
    {
        var value = OptionalString(map, key, path);
        if (value is null && Child(map, key) is not (YamlMappingNode or YamlSequenceNode))
        {
            Problem(Child(map, key) ?? map, $"missing required key '{path}'.");
        }

        return value ?? "";
    }

    public YamlMappingNode? OptionalMap(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        if (node is null or YamlMappingNode)
        {
            return node as YamlMappingNode;
        }

        Problem(node, $"'{path}' must be a mapping of keys.");
        return null;
    }

    /// <summary>A list of strings; a single scalar is accepted as a one-item list.</summary>
    public List<string> StringList(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key);
        var list = new List<string>();
        switch (node)
        {
            case null:
                break;
            case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                list.Add(s.Value.Trim());
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode si && !string.IsNullOrWhiteSpace(si.Value))
                    {
                        list.Add(si.Value.Trim());
                    }
                    else
                    {
                        Problem(item, $"every item of '{path}' must be a text value.");
                    }
                }

                break;
            default:
                Problem(node, $"'{path}' must be a list.");
                break;
        }

        return list;
    }

    public double? OptionalNumber(YamlMappingNode map, string key, string path)
    {
        var text = OptionalString(map, key, path);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        Problem(Child(map, key), $"'{path}' must be a number of millimetres, not '{text}'.");
        return null;
    }
}
