using Notices.Model;
using Notices.Records;

namespace Notices.Campaigns;

/// <summary>Decides whether a device is affected by a notice. Rules are normalised once, devices many times.</summary>
public sealed class AffectedDeviceMatcher
{
    private readonly List<(string Manufacturer, HashSet<string> Models, SoftwareVersion? Max)> _rules = [];

    public AffectedDeviceMatcher(IEnumerable<AffectedRule> rules)
    {
        foreach (var rule in rules)
        {
            var models = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in rule.Models.Concat(rule.Aliases))
            {
                models.Add(ModelName.Normalise(name));
            }

            SoftwareVersion? max = null;
            if (rule.SoftwareMax is not null && !SoftwareVersion.TryParse(rule.SoftwareMax, out max))
            {
                throw new ArgumentException($"software_max '{rule.SoftwareMax}' is not a version like 2.6A.", nameof(rules));
            }

            _rules.Add((ModelName.Normalise(rule.Manufacturer), models, max));
        }
    }

    public DeviceMatch Match(Device device)
    {
        var model = ModelName.Normalise(device.Model);
        var manufacturer = ModelName.Normalise(device.Manufacturer);
        var result = DeviceMatch.NotAffected;
        foreach (var rule in _rules)
        {
            // A blank manufacturer in the export is not a reason to skip a patient: when in doubt, notify.
            var manufacturerMatches = manufacturer.Length == 0 || manufacturer.StartsWith(rule.Manufacturer, StringComparison.Ordinal);
            if (!manufacturerMatches || !rule.Models.Contains(model))
            {
                continue;
            }

            if (rule.Max is null)
            {
                return DeviceMatch.Affected;
            }

            if (!SoftwareVersion.TryParse(device.SoftwareVersion, out var version))
            {
                result = DeviceMatch.AffectedVersionUnknown;
                continue;
            }

            if (version! <= rule.Max)
            {
                return DeviceMatch.Affected;
            }
        }

        return result;
    }
}
