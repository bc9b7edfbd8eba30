using Notices.Model;
using Notices.Campaigns;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Campaigns;

public sealed class AffectedDeviceMatcherTests
{
    private static readonly AffectedDeviceMatcher Matcher = new(
    [
        new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed 508"], Aliases = ["MMT-508"] },
        new AffectedRule { Manufacturer = "Medtronic", Models = ["MiniMed Paradigm Veo 754"], Aliases = ["Veo 754"], SoftwareMax = "2.6A" },
    ]);

    private static Device Dev(string model, string? version = null, string manufacturer = "Medtronic") =>
        new() { PatientId = "P1", Manufacturer = manufacturer, Model = model, SerialNumber = "S1", SoftwareVersion = version };

    [Theory]
    [InlineData("MiniMed 508")]
    [InlineData("minimed   508")]
    [InlineData("MiniMed™ 508")]
    [InlineData("MiniMed® 508")]
    [InlineData("MMT-508")]
    public void Model_names_match_after_normalisation_and_aliases(string model) =>
        Assert.Equal(DeviceMatch.Affected, Matcher.Match(Dev(model)));

    [Theory]
    [InlineData("2.6A", DeviceMatch.Affected)]
    [InlineData("2.5B", DeviceMatch.Affected)]
    [InlineData("2.7A", DeviceMatch.NotAffected)]
    [InlineData("2.10A", DeviceMatch.NotAffected)]
    [InlineData(null, DeviceMatch.AffectedVersionUnknown)]
    [InlineData("ukendt", DeviceMatch.AffectedVersionUnknown)]
    public void Software_max_is_inclusive_and_unknown_versions_are_flagged(string? version, DeviceMatch expected) =>
        Assert.Equal(expected, Matcher.Match(Dev("MiniMed™ Paradigm™ Veo™ 754", version)));

    [Fact]
    public void Other_models_and_makers_are_not_affected()
    {
        Assert.Equal(DeviceMatch.NotAffected, Matcher.Match(Dev("MiniMed 780G", "6.2B")));
        Assert.Equal(DeviceMatch.NotAffected, Matcher.Match(Dev("MiniMed 508", manufacturer: "Roche")));
    }

    [Fact]
    public void A_blank_manufacturer_still_matches_the_model() =>
        Assert.Equal(DeviceMatch.Affected, Matcher.Match(Dev("MiniMed 508", manufacturer: "")));
}
