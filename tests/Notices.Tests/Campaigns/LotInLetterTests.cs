using Notices.Campaigns;
using Notices.Letters.Templates;
using Notices.Tests.Letters.Templates;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>A lot-scoped notice can print each device's lot and UDI-DI; unknown ones are null, not missing.</summary>
public sealed class LotInLetterTests
{
    [Fact]
    public void Lot_and_udi_di_are_letter_fields_and_null_when_unknown()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(
            letterTemplate: "{{ for d in devices }}{{ d.serial_number }}: lot {{ if d.lot_number }}{{ d.lot_number }}{{ else }}ukendt{{ end }}, UDI-DI {{ d.udi_di }};{{ end }}"));
        var letter = LetterTestData.Letter(devices:
        [
            new AffectedDevice("Medtronic", "MiniMed 780G", "NG1", "2.6A", false, "L2301", "08717648200274"),
            new AffectedDevice("Medtronic", "MiniMed 780G", "NG2", "2.6A", false, LotUnknown: true),
        ]);

        var merged = templates.Merge(letter, LetterTestData.LetterDate);

        Assert.Equal("NG1: lot L2301, UDI-DI 08717648200274;NG2: lot ukendt, UDI-DI ;", merged.LetterMarkdown);
    }
}
