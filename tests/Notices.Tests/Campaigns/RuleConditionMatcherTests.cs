using Notices.Campaigns;
using Notices.Model;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>serial_ranges, lots, udi_di and software_min, and the reasons the matcher gives for a device that misses.</summary>
public sealed class RuleConditionMatcherTests
{
    private static readonly AffectedDeviceMatcher Ranges = new(
    [
        new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 640G", "MiniMed 780G"], SerialRanges = [new SerialRange("NG1000000", "NG1199999")] },
    ]);

    private static Device Dev(string serial, string model = "MiniMed 780G", string? version = null, string? lot = null, string? udi = null) => new()
    {
        PatientId = "P1", Manufacturer = "Medtronic", Model = model, SerialNumber = serial, SoftwareVersion = version, LotNumber = lot, UdiDi = udi,
    };

    [Theory]
    [InlineData("NG1000000", true)]
    [InlineData("NG1199999", true)]
    [InlineData("NG1000001", true)]
    [InlineData(" ng1100000 ", true)]
    [InlineData("NG0999999", false)]
    [InlineData("NG1200000", false)]
    [InlineData("NG999999", false)]
    [InlineData("NG10000000", false)]
    [InlineData("NG01100000", true)]
    [InlineData("NH1100000", false)]
    [InlineData("1100000", false)]
    [InlineData("XNG1100000", false)]
    [InlineData("NG1100000H", false)]
    [InlineData("NG-ABC", false)]
    public void Ranges_compare_the_numeric_part_with_inclusive_edges_and_the_same_prefix(string serial, bool affected) =>
        Assert.Equal(affected, Ranges.Evaluate(Dev(serial)).Affected);

    [Theory]
    [InlineData("NG1200000", "serial NG1200000 is above rule 1's range NG1000000–NG1199999")]
    [InlineData("NG0999999", "serial NG0999999 is below rule 1's range NG1000000–NG1199999")]
    [InlineData("AB1100000", "serial AB1100000 has another prefix than rule 1's range NG1000000–NG1199999")]
    [InlineData("NG1100000H", "serial NG1100000H does not end in a number, so it is outside rule 1's range NG1000000–NG1199999")]
    public void A_miss_says_where_the_serial_lies(string serial, string reason)
    {
        var result = Ranges.Evaluate(Dev(serial));

        var miss = Assert.Single(result.Misses);
        Assert.Equal((1, RuleMissKind.Condition, reason), (miss.Rule, miss.Kind, miss.Reason));
    }

    [Fact]
    public void A_rule_of_two_thousand_ranges_matches_inside_any_and_a_miss_names_three_and_the_count()
    {
        // Ranges of 10 serials with gaps of 10 between them: NG1000–NG1009, NG1020–NG1029, ...
        var ranges = Enumerable.Range(0, 2001)
            .Select(i => new SerialRange(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"NG{1000 + (i * 20)}"),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"NG{1009 + (i * 20)}")))
            .ToList();
        var matcher = new AffectedDeviceMatcher([new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 780G"], SerialRanges = ranges }]);

        Assert.True(matcher.Evaluate(Dev("NG41009")).Affected);
        Assert.True(matcher.Evaluate(Dev("NG01000")).Affected);
        var miss = Assert.Single(matcher.Evaluate(Dev("NG41010")).Misses);
        Assert.Equal("serial NG41010 is in none of rule 1's 2001 ranges (NG1000–NG1009, NG1020–NG1029, NG1040–NG1049 and 1998 more)", miss.Reason);
    }

    [Fact]
    public void A_serial_in_any_of_several_ranges_matches()
    {
        var matcher = new AffectedDeviceMatcher([new AffectedRule
        {
            Manufacturer = "Medtronic", Models = ["MiniMed 780G"],
            SerialRanges = [new SerialRange("NG100", "NG199"), new SerialRange("HX5000", "HX5999")],
        }]);

        Assert.True(matcher.Evaluate(Dev("HX5000")).Affected);
        Assert.True(matcher.Evaluate(Dev("NG150")).Affected);
        Assert.Contains("in none of rule 1's ranges NG100–NG199, HX5000–HX5999", Assert.Single(matcher.Evaluate(Dev("NG200")).Misses).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_model_is_a_product_miss_not_a_condition_miss()
    {
        var result = Ranges.Evaluate(Dev("NG1100000", model: "MiniMed 508"));

        Assert.False(result.Affected);
        Assert.Equal(RuleMissKind.Product, Assert.Single(result.Misses).Kind);
    }

    [Theory]
    [InlineData("L2301", true, DataUnknown.None)]
    [InlineData(" l2302 ", true, DataUnknown.None)]
    [InlineData("L2303", false, DataUnknown.None)]
    [InlineData(null, true, DataUnknown.Lot)]
    [InlineData("  ", true, DataUnknown.Lot)]
    public void Lots_match_the_list_and_an_unknown_lot_is_affected_and_flagged(string? lot, bool affected, DataUnknown unknown)
    {
        var matcher = new AffectedDeviceMatcher([new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed Paradigm Veo 754"], Lots = ["L2301", "L2302"] }]);

        var result = matcher.Evaluate(Dev("NG1", model: "MiniMed Paradigm Veo 754", lot: lot));

        Assert.Equal((affected, unknown), (result.Affected, result.Unknown));
        if (!affected)
        {
            Assert.Equal("lot L2303 not in rule 1's lots [L2301, L2302]", Assert.Single(result.Misses).Reason);
        }
    }

    [Theory]
    [InlineData("08717648200274", true, DataUnknown.None)]
    [InlineData("08717648200999", false, DataUnknown.None)]
    [InlineData(null, true, DataUnknown.UdiDi)]
    public void Udi_di_matches_the_list_and_a_missing_one_is_flagged(string? udi, bool affected, DataUnknown unknown)
    {
        var matcher = new AffectedDeviceMatcher([new AffectedRule { Manufacturer = "Roche", Models = ["Accu-Chek Insight"], UdiDi = ["08717648200274"] }]);

        var result = matcher.Evaluate(new Device { PatientId = "P", Manufacturer = "Roche", Model = "Accu-Chek Insight", SerialNumber = "RI1", UdiDi = udi });

        Assert.Equal((affected, unknown), (result.Affected, result.Unknown));
    }

    [Theory]
    [InlineData("2.2A", true)]
    [InlineData("2.6A", true)]
    [InlineData("2.1B", false)]
    [InlineData("2.7A", false)]
    [InlineData(null, true)]
    public void Software_min_and_max_are_inclusive_and_an_unknown_version_is_flagged(string? version, bool affected)
    {
        var matcher = new AffectedDeviceMatcher([new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 780G"], SoftwareMin = "2.2A", SoftwareMax = "2.6A" }]);

        var result = matcher.Evaluate(Dev("NG1", version: version));

        Assert.Equal(affected, result.Affected);
        Assert.Equal(version is null ? DataUnknown.Version : DataUnknown.None, result.Unknown);
        if (version == "2.1B")
        {
            Assert.Equal("software 2.1B is below rule 1's software_min 2.2A", Assert.Single(result.Misses).Reason);
        }
    }

    [Fact]
    public void Every_condition_must_hold()
    {
        var matcher = new AffectedDeviceMatcher([new AffectedRule
        {
            Manufacturer = "Medtronic", Models = ["MiniMed 780G"], SerialRanges = [new SerialRange("NG100", "NG199")], Lots = ["L1"],
        }]);

        Assert.True(matcher.Evaluate(Dev("NG150", lot: "L1")).Affected);
        Assert.False(matcher.Evaluate(Dev("NG250", lot: "L1")).Affected);
        Assert.False(matcher.Evaluate(Dev("NG150", lot: "L2")).Affected);
    }

    [Fact]
    public void A_clean_match_of_a_later_rule_wins_over_a_flagged_earlier_one()
    {
        var matcher = new AffectedDeviceMatcher(
        [
            new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 780G"], Lots = ["L1"] },
            new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 780G"], SerialRanges = [new SerialRange("NG100", "NG199")] },
        ]);

        var clean = matcher.Evaluate(Dev("NG150"));
        var flagged = matcher.Evaluate(Dev("NG250"));

        Assert.Equal((2, DataUnknown.None), (clean.Rule, clean.Unknown));
        Assert.Equal((1, DataUnknown.Lot), (flagged.Rule, flagged.Unknown));
        Assert.Equal(DeviceMatch.Affected, matcher.Match(Dev("NG250")));
    }

    [Fact]
    public void The_matching_rule_reports_the_conditions_that_held()
    {
        var result = Ranges.Evaluate(Dev("NG1000123"));

        Assert.Equal(1, result.Rule);
        Assert.Equal(["serial NG1000123 in range NG1000000–NG1199999"], result.Held);
    }
}
