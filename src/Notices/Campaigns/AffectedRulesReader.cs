using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Reads notice.yaml's <c>affected</c> list into rules, recording each problem as <c>file:line: reason</c>.</summary>
internal static class AffectedRulesReader
{
    private static readonly string[] RuleKeys =
        ["manufacturer", "models", "aliases", "software_min", "software_max", "serial_ranges", "lots", "udi_di", "serials_file"];

    private static readonly string[] RangeKeys = ["from", "to"];

    public static List<AffectedRule> Read(YamlNodeReader reader, YamlMappingNode root, string packageDirectory)
    {
        var rules = new List<AffectedRule>();
        var node = reader.Child(root, "affected");
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            reader.Problem(node ?? root, "'affected' must be a non-empty list of rules (manufacturer, models, and optional aliases, software_min, software_max, serial_ranges, lots, udi_di, serials_file).");
            return rules;
        }

        for (var i = 0; i < seq.Children.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"affected[{i + 1}]");
            if (seq.Children[i] is not YamlMappingNode rule)
            {
                reader.Problem(seq.Children[i], $"'{path}' must be a mapping with manufacturer and models.");
                continue;
            }

            RefuseUnknownKeys(reader, rule, path, RuleKeys);
            var manufacturer = reader.RequiredString(rule, "manufacturer", path + ".manufacturer");
            var models = reader.StringList(rule, "models", path + ".models");
            if (models.Count == 0)
            {
                reader.Problem(reader.Child(rule, "models") ?? rule, $"'{path}.models' must list at least one model.");
            }

            var min = ReadVersion(reader, rule, "software_min", path);
            var max = ReadVersion(reader, rule, "software_max", path);
            if (SoftwareVersion.TryParse(min, out var low) && SoftwareVersion.TryParse(max, out var high) && low! > high!)
            {
                // Like a range run backwards: only devices of unknown version would match.
                reader.Problem(reader.Child(rule, "software_min"), $"'{path}': software_min {min} is above software_max {max}.");
            }

            rules.Add(new AffectedRule
            {
                Manufacturer = manufacturer,
                Models = models,
                Aliases = reader.StringList(rule, "aliases", path + ".aliases"),
                SoftwareMin = min,
                SoftwareMax = max,
                SerialRanges = ReadRanges(reader, rule, path),
                Lots = NonEmptyList(reader, rule, "lots", path),
                UdiDi = NonEmptyList(reader, rule, "udi_di", path),
                SerialsFile = PackageIdListReader.Read(reader, rule, "serials_file", path + ".serials_file", packageDirectory,
                    Records.RecordColumns.SerialNumber, SerialNumber.Key),
            });
        }

        return rules;
    }

    /// <summary>An empty list given on purpose would silently drop the condition (and notify every lot): refuse it.</summary>
    private static List<string> NonEmptyList(YamlNodeReader reader, YamlMappingNode rule, string key, string path)
    {
        var list = reader.StringList(rule, key, $"{path}.{key}");
        if (list.Count == 0 && reader.Child(rule, key) is { } node)
        {
            reader.Problem(node, $"'{path}.{key}' must list at least one value; leave the key out to match any.");
        }

        return list;
    }

    private static string? ReadVersion(YamlNodeReader reader, YamlMappingNode rule, string key, string path)
    {
        var value = reader.OptionalString(rule, key, $"{path}.{key}");
        if (value is not null && !SoftwareVersion.TryParse(value, out _))
        {
            reader.Problem(reader.Child(rule, key), $"'{path}.{key}' must be a version like 2.6A, not '{value}'.");
            return null;
        }

        return value;
    }

    private static List<SerialRange> ReadRanges(YamlNodeReader reader, YamlMappingNode rule, string path)
    {
        var ranges = new List<SerialRange>();
        var node = reader.Child(rule, "serial_ranges");
        if (node is null)
        {
            return ranges;
        }

        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            reader.Problem(node, $"'{path}.serial_ranges' must be a list of {{ from: ..., to: ... }} pairs.");
            return ranges;
        }

        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode pair)
            {
                reader.Problem(item, $"every item of '{path}.serial_ranges' must be a {{ from: ..., to: ... }} pair.");
                continue;
            }

            RefuseUnknownKeys(reader, pair, path + ".serial_ranges", RangeKeys);
            var from = reader.RequiredString(pair, "from", path + ".serial_ranges.from");
            var to = reader.RequiredString(pair, "to", path + ".serial_ranges.to");
            if (from.Length == 0 || to.Length == 0)
            {
                continue;
            }

            if (!SerialNumber.TrySplit(from, out var fromPrefix, out var fromDigits) || !SerialNumber.TrySplit(to, out var toPrefix, out var toDigits))
            {
                reader.Problem(item, $"serial range {from}–{to} in '{path}': both ends must end in digits (e.g. NG1000000).");
            }
            else if (!string.Equals(fromPrefix, toPrefix, StringComparison.OrdinalIgnoreCase))
            {
                reader.Problem(item, $"serial range {from}–{to} in '{path}': both ends must have the same prefix ('{fromPrefix}' and '{toPrefix}' differ).");
            }
            else if (SerialNumber.CompareDigits(fromDigits, toDigits) > 0)
            {
                reader.Problem(item, $"serial range {from}–{to} in '{path}': 'from' is above 'to'.");
            }
            else
            {
                ranges.Add(new SerialRange(from, to));
            }
        }

        return ranges;
    }

    /// <summary>
    /// A misspelt condition (serial_range, lot) would be ignored and widen the rule to every device of the model; a key
    /// given twice would count once.
    /// </summary>
    internal static void RefuseUnknownKeys(YamlNodeReader reader, YamlMappingNode map, string path, IReadOnlyCollection<string> known)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                reader.Problem(key, $"unknown key '{name}' in '{path}'; the keys are {string.Join(", ", known)}.");
            }
            else if (!seen.Add(name))
            {
                // Keys are read with case ignored: LOTS and lots are one key, and only the first would count.
                reader.Problem(key, $"key '{name}' is given twice in '{path}' (case is ignored).");
            }
        }
    }
}
