using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>Reads notice.yaml's <c>affected</c> list into rules, recording each problem as <c>file:line: reason</c>.</summary>
internal static class AffectedRulesReader
{
    public static List<AffectedRule> Read(YamlNodeReader reader, YamlMappingNode root, string packageDirectory)
    {
        var rules = new List<AffectedRule>();
        var node = reader.Child(root, "affected");
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            reader.Problem(node ?? root, "'affected' must be a non-empty list of rules (manufacturer, models, optional aliases and software_max).");
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

            var manufacturer = reader.RequiredString(rule, "manufacturer", path + ".manufacturer");
            var models = reader.StringList(rule, "models", path + ".models");
            if (models.Count == 0)
            {
                reader.Problem(reader.Child(rule, "models") ?? rule, $"'{path}.models' must list at least one model.");
            }

            var max = reader.OptionalString(rule, "software_max", path + ".software_max");
            if (max is not null && !SoftwareVersion.TryParse(max, out _))
            {
                reader.Problem(reader.Child(rule, "software_max"), $"'{path}.software_max' must be a version like 2.6A, not '{max}'.");
            }

            rules.Add(new AffectedRule
            {
                Manufacturer = manufacturer,
                Models = models,
                Aliases = reader.StringList(rule, "aliases", path + ".aliases"),
                SoftwareMax = max,
            });
        }

        return rules;
    }
}
