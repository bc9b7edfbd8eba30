using Notices.Campaigns;
using Notices.Letters.Proofs;
using Notices.Model;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Letters.Proofs;

public sealed class SampleDevicesTests
{
    [Fact]
    public void The_sample_notice_first_rule_matches_the_made_up_device()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        var device = Assert.Single(SampleDevices.For(notice, "S"));
        Assert.Equal(DeviceMatch.Affected, new AffectedDeviceMatcher([notice.Affected[0]]).Match(device));
    }

    [Theory]
    [InlineData("2.6A")]
    [InlineData("0.1")]
    [InlineData("10.10Z")]
    public void A_rule_with_software_max_gets_a_device_at_that_version_which_it_matches(string max)
    {
        var rule = new AffectedRule { Manufacturer = "Acme", Models = ["Pumpe X", "Pumpe Y"], SoftwareMax = max };
        var device = SampleDevices.FromRule(rule, "S", 1);
        Assert.Equal("Pumpe X", device.Model);
        Assert.Equal(DeviceMatch.Affected, new AffectedDeviceMatcher([rule]).Match(device));
    }

    [Fact]
    public void Every_rule_of_the_flowport_notice_matches_its_made_up_device_by_range_and_by_lot()
    {
        var notice = NoticePackageLoader.Load(Path.Combine(RepoPaths.Root, "templates", "nv2611-flowport"));
        foreach (var (rule, i) in notice.Affected.Select((r, i) => (r, i)))
        {
            var device = SampleDevices.FromRule(rule, "S", i + 1);
            Assert.Equal(DeviceMatch.Affected, new AffectedDeviceMatcher([rule]).Match(device));
        }
    }

    [Fact]
    public void A_rule_with_udi_di_and_a_serials_file_gets_a_listed_udi_and_serial()
    {
        var rule = new AffectedRule
        {
            Manufacturer = "Acme", Models = ["Pumpe X"], UdiDi = ["05712345000011"],
            SerialsFile = new PackageIdList("serials.csv", new Dictionary<string, int>(StringComparer.Ordinal) { ["B7"] = 3, ["A1"] = 2 }, s => s.ToUpperInvariant()),
        };
        var device = SampleDevices.FromRule(rule, "S", 1);
        Assert.Equal("A1", device.SerialNumber);
        Assert.Equal(DeviceMatch.Affected, new AffectedDeviceMatcher([rule]).Match(device));
    }

    [Fact]
    public void Every_rule_of_the_sample_notice_matches_its_own_made_up_device()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        foreach (var (rule, i) in notice.Affected.Select((r, i) => (r, i)))
        {
            var device = SampleDevices.FromRule(rule, "S", i + 1);
            Assert.NotEqual(DeviceMatch.NotAffected, new AffectedDeviceMatcher([rule]).Match(device));
        }
    }

    [Fact]
    public void The_sample_patient_is_reachable_by_email_at_example_com_and_planned_as_one_letter()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        var sample = new SampleRecords(notice);
        Assert.EndsWith("@example.com", sample.Patient.Email, StringComparison.Ordinal);
        var plan = new CampaignPlanner(sample, sample).Plan(notice);
        var letter = Assert.Single(plan.Letters);
        Assert.Equal(DeliveryChannelKind.Email, letter.Channel);
        Assert.Equal(SampleRecords.PatientId, letter.Recipient.PatientId);
    }

    [Theory]
    [InlineData("../../etc/passwd", "_.._etc_passwd")]
    [InlineData("P0042", "P0042")]
    [InlineData("..", "patient")]
    [InlineData("a b/c\\d:e", "a_b_c_d_e")]
    [InlineData("Ærø", "_r_")]
    public void A_patient_id_becomes_a_safe_file_name(string id, string stem) =>
        Assert.Equal(stem, ProofWriter.SafeStem(id));

    [Fact]
    public void Preview_ids_are_marked_and_never_a_sequence()
    {
        var id = PreviewLetterIds.Make("FA830", "dk");
        Assert.Equal("FA830-DK-PREVIEW", id);
        Assert.True(PreviewLetterIds.IsPreview(id));
        Assert.Equal(0, LetterIds.SequenceOf(id));
        Assert.False(PreviewLetterIds.IsPreview(LetterIds.Make("FA830", "DK", 1)));
    }
}
