using System.Globalization;
using Notices.Model;

namespace Notices.Campaigns;

/// <summary>
/// Decides whether a device is affected by a notice, and why. Rules are normalised once, devices many times. A rule
/// matches when manufacturer and model (or alias) match and every condition it gives holds; a condition whose device
/// data is missing counts as holding, flagged (when in doubt, notify). A rule that matches without flags wins over
/// an earlier one that needed a flag. The planner and <c>plan --explain</c> both use this one implementation.
/// </summary>
public sealed class AffectedDeviceMatcher
{
    private readonly List<CompiledRule> _rules = [];

    public AffectedDeviceMatcher(IEnumerable<AffectedRule> rules)
    {
        var number = 0;
        foreach (var rule in rules)
        {
            number++;
            var models = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in rule.Models.Concat(rule.Aliases))
            {
                models.Add(ModelName.Normalise(name));
            }

            _rules.Add(new CompiledRule(number, rule, ModelName.Normalise(rule.Manufacturer), models,
                Version(rule.SoftwareMin, "software_min"), Version(rule.SoftwareMax, "software_max"),
                new HashSet<string>(rule.Lots.Select(SerialNumber.Key), StringComparer.Ordinal),
                new HashSet<string>(rule.UdiDi.Select(SerialNumber.Key), StringComparer.Ordinal)));
        }
    }

    public IReadOnlyList<AffectedRule> Rules => _rules.Select(r => r.Rule).ToList();

    /// <summary>The short verdict (kept for callers that need no reasons).</summary>
    public DeviceMatch Match(Device device) => Evaluate(device).Kind;

    public DeviceMatchResult Evaluate(Device device)
    {
        var model = ModelName.Normalise(device.Model);
        var manufacturer = ModelName.Normalise(device.Manufacturer);
        var misses = new List<RuleMiss>();
        DeviceMatchResult? flagged = null;
        foreach (var rule in _rules)
        {
            // A blank manufacturer in the export is not a reason to skip a patient: when in doubt, notify.
            if (manufacturer.Length > 0 && !manufacturer.StartsWith(rule.Manufacturer, StringComparison.Ordinal))
            {
                misses.Add(rule.ManufacturerMiss);
                continue;
            }

            if (!rule.Models.Contains(model))
            {
                misses.Add(rule.ModelMiss);
                continue;
            }

            var held = new List<string>();
            var unknown = DataUnknown.None;
            var miss = Check(rule, device, held, ref unknown);
            if (miss is not null)
            {
                misses.Add(new RuleMiss(rule.Number, RuleMissKind.Condition, miss));
                continue;
            }

            var result = new DeviceMatchResult(rule.Number, unknown, held, misses);
            if (unknown == DataUnknown.None)
            {
                return result;
            }

            flagged ??= result;
        }

        return flagged ?? new DeviceMatchResult(null, DataUnknown.None, [], misses);
    }

    /// <summary>Checks the rule's conditions in notice.yaml's order of importance; returns the first that fails.</summary>
    private static string? Check(CompiledRule rule, Device device, List<string> held, ref DataUnknown unknown)
    {
        var n = rule.Number;
        if (rule.Min is not null || rule.Max is not null)
        {
            if (!SoftwareVersion.TryParse(device.SoftwareVersion, out var version))
            {
                unknown |= DataUnknown.Version;
                held.Add("software version unknown (counted as affected)");
            }
            else if (rule.Min is not null && version! < rule.Min)
            {
                return $"software {device.SoftwareVersion} is below rule {n}'s software_min {rule.Rule.SoftwareMin}";
            }
            else if (rule.Max is not null && version! > rule.Max)
            {
                return $"software {device.SoftwareVersion} is above rule {n}'s software_max {rule.Rule.SoftwareMax}";
            }
            else
            {
                held.Add($"software {device.SoftwareVersion} within {rule.Rule.SoftwareMin ?? "any"}–{rule.Rule.SoftwareMax ?? "any"}");
            }
        }

        var serial = device.SerialNumber.Trim();
        if (rule.Rule.SerialRanges.Count > 0)
        {
            var split = SplitSerial.Of(serial);
            var inside = rule.Rule.SerialRanges.FirstOrDefault(r => r.Locate(split) == SerialPosition.Inside);
            if (inside is null)
            {
                return RangeMiss(n, serial, rule.Rule.SerialRanges);
            }

            held.Add($"serial {serial} in range {inside}");
        }

        if (rule.Lots.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(device.LotNumber))
            {
                unknown |= DataUnknown.Lot;
                held.Add("lot unknown (counted as affected)");
            }
            else if (!rule.Lots.Contains(SerialNumber.Key(device.LotNumber)))
            {
                return $"lot {device.LotNumber} not in rule {n}'s lots [{string.Join(", ", rule.Rule.Lots)}]";
            }
            else
            {
                held.Add($"lot {device.LotNumber} in [{string.Join(", ", rule.Rule.Lots)}]");
            }
        }

        if (rule.UdiDi.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(device.UdiDi))
            {
                unknown |= DataUnknown.UdiDi;
                held.Add("UDI-DI unknown (counted as affected)");
            }
            else if (!rule.UdiDi.Contains(SerialNumber.Key(device.UdiDi)))
            {
                return $"UDI-DI {device.UdiDi} not in rule {n}'s udi_di [{string.Join(", ", rule.Rule.UdiDi)}]";
            }
            else
            {
                held.Add($"UDI-DI {device.UdiDi} listed");
            }
        }

        if (rule.Rule.SerialsFile is { } file)
        {
            if (file.LineOf(serial) is not { } line)
            {
                return $"serial {serial} not in {file.Name}";
            }

            held.Add(string.Create(CultureInfo.InvariantCulture, $"serial listed in {file.Name} line {line}"));
        }

        if (held.Count == 0)
        {
            held.Add("manufacturer and model (the rule has no further conditions)");
        }

        return null;
    }

    private static string RangeMiss(int n, string serial, IReadOnlyList<SerialRange> ranges)
    {
        if (ranges.Count > 1)
        {
            // A notice may list thousands of ranges: name a few, so a miss stays one readable line.
            const int named = 3;
            var shown = string.Join(", ", ranges.Take(named));
            return ranges.Count > named
                ? string.Create(CultureInfo.InvariantCulture, $"serial {serial} is in none of rule {n}'s {ranges.Count} ranges ({shown} and {ranges.Count - named} more)")
                : $"serial {serial} is in none of rule {n}'s ranges {shown}";
        }

        var range = ranges[0];
        return range.Locate(serial) switch
        {
            SerialPosition.Below => $"serial {serial} is below rule {n}'s range {range}",
            SerialPosition.Above => $"serial {serial} is above rule {n}'s range {range}",
            SerialPosition.OtherPrefix => $"serial {serial} has another prefix than rule {n}'s range {range}",
            _ => $"serial {serial} does not end in a number, so it is outside rule {n}'s range {range}",
        };
    }

    private static SoftwareVersion? Version(string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        return SoftwareVersion.TryParse(text, out var version)
            ? version
            : throw new ArgumentException($"{key} '{text}' is not a version like 2.6A.", nameof(text));
    }

    private sealed record CompiledRule(int Number, AffectedRule Rule, string Manufacturer, HashSet<string> Models,
        SoftwareVersion? Min, SoftwareVersion? Max, HashSet<string> Lots, HashSet<string> UdiDi)
    {
        // Most devices of a store miss most rules on model or maker: these reasons are made once per rule, not per device.
        public RuleMiss ManufacturerMiss { get; } = new(Number, RuleMissKind.Product, $"manufacturer is not rule {Number}'s {Rule.Manufacturer}");
        public RuleMiss ModelMiss { get; } = new(Number, RuleMissKind.Product, $"model is not named by rule {Number}");
    }
}
