using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>notice.yaml's <c>envelope</c> and <c>return_address</c> keys.</summary>
public sealed class EnvelopeAndReturnAddressLoaderTests
{
    private const string Minimal = MinimalNotice.Yaml;

    private static NoticePackage Load(TempDirectory dir, string extra)
    {
        File.WriteAllText(dir.File("notice.yaml"), Minimal + extra);
        File.WriteAllText(dir.File("letter.md"), "Hej");
        File.WriteAllText(dir.File("email.md"), "Hej");
        return NoticePackageLoader.Load(dir.Path);
    }

    [Fact]
    public void The_sample_notice_names_a_c5_envelope_and_a_return_line()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);

        Assert.Equal(new Envelope("C5", 8), notice.Envelope);
        Assert.True(notice.ReturnAddress.Enabled);
        Assert.Equal(["Ved varig adresseændring returneres brevet til:", "Medtronic Danmark A/S, Arne Jacobsens Allé 17, 2300 København S"],
            notice.ReturnAddress.Lines(notice.Sender));
    }

    [Fact]
    public void Without_the_keys_the_envelope_is_c5_of_8_sheets_and_the_return_line_is_on()
    {
        using var dir = new TempDirectory();
        var notice = Load(dir, "");

        Assert.Equal(Envelope.Default, notice.Envelope);
        Assert.Equal(8, notice.Envelope.CapacitySheets);
        Assert.Equal(ReturnAddress.Default, notice.ReturnAddress);
        Assert.Equal([ReturnAddress.DefaultText + ":", "Firma A/S, Vej 1, 8000 Aarhus C"], notice.ReturnAddress.Lines(notice.Sender));
    }

    [Theory]
    [InlineData("envelope: { name: c65 }", "C65", 5)]
    [InlineData("envelope: { name: DL }", "DL", 5)]
    [InlineData("envelope: { name: C4 }", "C4", 25)]
    [InlineData("envelope: { capacity_sheets: 10 }", "C5", 10)]
    [InlineData("envelope: { name: B4 Spezial, capacity_sheets: 40 }", "B4 Spezial", 40)]
    public void A_known_name_brings_its_capacity_and_any_name_may_give_its_own(string yaml, string name, int capacity)
    {
        using var dir = new TempDirectory();
        Assert.Equal(new Envelope(name, capacity), Load(dir, yaml).Envelope);
    }

    [Theory]
    [InlineData("envelope: { name: B4 }", "envelope 'B4' has no known capacity")]
    [InlineData("envelope: { name: C5, capacity_sheets: 0 }", "'envelope.capacity_sheets' must be a whole number")]
    [InlineData("envelope: { name: C5, capacity_sheets: otte }", "'envelope.capacity_sheets' must be a whole number")]
    [InlineData("envelope: C5", "'envelope' must be a mapping")]
    [InlineData("return_address: { enabled: måske }", "'return_address.enabled' must be true or false")]
    [InlineData("return_address: [a, b]", "'return_address' must be a mapping")]
    public void A_bad_envelope_or_return_address_is_named_with_file_and_line(string yaml, string problem)
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<NoticePackageException>(() => Load(dir, yaml));
        Assert.Contains(ex.Problems, p => p.Contains("notice.yaml:14:", StringComparison.Ordinal) && p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void The_return_line_can_be_turned_off_or_given_its_own_text_and_address()
    {
        using var dir = new TempDirectory();
        var off = Load(dir, "return_address: false");
        Assert.False(off.ReturnAddress.Enabled);
        Assert.Empty(off.ReturnAddress.Lines(off.Sender));
        Assert.False(Load(dir, "return_address: { enabled: no }").ReturnAddress.Enabled);

        var notice = Load(dir, "return_address:\n  text: Retur til\n  address: [Postboks 9, 8100 Aarhus C]\n");
        Assert.True(notice.ReturnAddress.Enabled);
        Assert.Equal(["Retur til:", "Postboks 9, 8100 Aarhus C"], notice.ReturnAddress.Lines(notice.Sender));
    }
}
