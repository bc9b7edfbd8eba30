using Xunit;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Email;
using Notices.Letters.Templates;

namespace Notices.Tests.Letters.Templates;

public sealed class DeviceTableTests
{
    private static readonly AffectedDevice[] s_threeDevices =
    [
        new("Medtek", "MiniMed 508", "SN-1", "2.6A", VersionUnknown: false),
        new("Medtek", "Paradigm 522", "SN-2", null, VersionUnknown: true),
        new("Medtek", "Paradigm|722", "SN-3", "2.4B", VersionUnknown: false),
    ];

    private static MarkdownDocument MergeAndParse(IReadOnlyList<AffectedDevice> devices)
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Dine enheder:\n{{enheder}}\nTak."));
        var merged = templates.Merge(LetterTestData.Letter(devices: devices), LetterTestData.LetterDate);
        return Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter);
    }

    private static List<List<string>> Cells(Table table) =>
        table.OfType<TableRow>()
            .Select(r => r.OfType<TableCell>().Select(c => PlainTextInlines.ToText(((LeafBlock)c[0]).Inline).Trim()).ToList())
            .ToList();

    [Fact]
    public void Table_HasDanishHeaderAndOneRowPerDevice_UnknownVersionMarked()
    {
        var document = MergeAndParse(s_threeDevices);

        var table = Assert.Single(document.Descendants<Table>());
        var cells = Cells(table);
        Assert.Equal(4, cells.Count);
        Assert.Equal(["Model", "Serienummer", "Softwareversion"], cells[0]);
        Assert.Equal(["MiniMed 508", "SN-1", "2.6A"], cells[1]);
        Assert.Equal(["Paradigm 522", "SN-2", "ukendt*"], cells[2]);
        Assert.Equal(["Paradigm|722", "SN-3", "2.4B"], cells[3]);
        Assert.True(((TableRow)table[0]).IsHeader);
    }

    [Fact]
    public void Table_WithUnknownVersion_IsFollowedByFootnote()
    {
        var document = MergeAndParse(s_threeDevices);

        var paragraphs = document.OfType<ParagraphBlock>().Select(p => PlainTextInlines.ToText(p.Inline)).ToList();
        Assert.Contains(DeviceTableMarkdown.UnknownVersionFootnote, paragraphs);
        Assert.Equal("Dine enheder:", paragraphs[0]);
        Assert.Equal("Tak.", paragraphs[^1]);
    }

    [Fact]
    public void Table_WithKnownVersionsOnly_HasNoFootnoteOrUnknownMarker()
    {
        var document = MergeAndParse([s_threeDevices[0], s_threeDevices[2]]);

        var table = Assert.Single(document.Descendants<Table>());
        Assert.Equal(3, Cells(table).Count);
        var allText = string.Join("\n", document.Descendants<ParagraphBlock>().Select(p => PlainTextInlines.ToText(p.Inline)));
        Assert.DoesNotContain("ukendt", allText, StringComparison.Ordinal);
        Assert.DoesNotContain(DeviceTableMarkdown.UnknownVersionFootnote, allText, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailBodies_ShowTheTableAsHtmlTableAndAlignedText()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailTemplate: "Dine enheder:\n\n{{enheder}}\n"));
        var merged = templates.Merge(LetterTestData.Letter(devices: s_threeDevices), LetterTestData.LetterDate);

        var (html, text) = EmailBodyRenderer.Render(merged.EmailMarkdown);

        Assert.Contains("<th>Serienummer</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Paradigm|722</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>ukendt*</td>", html, StringComparison.Ordinal);
        Assert.Contains("Paradigm 522  SN-2         ukendt*\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EachDevices_ExposesVersionUnknownFlag()
    {
        var template = "{{ for d in devices }}{{ d.serial_number }}={{ if d.version_unknown }}?{{ else }}{{ d.software_version }}{{ end }};{{ end }}" +
                       "{{ device_count }} {{ if any_version_unknown }}U{{ end }}";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));

        var merged = templates.Merge(LetterTestData.Letter(devices: s_threeDevices), LetterTestData.LetterDate);

        Assert.Equal(@"SN\-1=2\.6A;SN\-2=?;SN\-3=2\.4B;3 U", merged.LetterMarkdown);
    }

    [Fact]
    public void A_lot_scoped_letter_gets_a_lot_column_and_an_unknown_lot_is_marked_with_its_own_footnote()
    {
        AffectedDevice[] devices =
        [
            new("Nordvik", "FlowPort 3 Plus", "FPP1", "2.0", VersionUnknown: false, LotNumber: "B2408"),
            new("Nordvik", "FlowPort 3 Plus", "FPP2", "2.0", VersionUnknown: false, LotUnknown: true),
        ];

        var document = MergeAndParse(devices);

        var cells = Cells(Assert.Single(document.Descendants<Table>()));
        Assert.Equal(["Model", "Serienummer", "Softwareversion", "Lot"], cells[0]);
        Assert.Equal(["FlowPort 3 Plus", "FPP1", "2.0", "B2408"], cells[1]);
        Assert.Equal(["FlowPort 3 Plus", "FPP2", "2.0", "ukendt**"], cells[2]);
        var paragraphs = document.OfType<ParagraphBlock>().Select(p => PlainTextInlines.ToText(p.Inline)).ToList();
        Assert.Contains(DeviceTableMarkdown.UnknownLotFootnote, paragraphs);
        Assert.DoesNotContain(DeviceTableMarkdown.UnknownVersionFootnote, paragraphs);
    }

    [Fact]
    public void Without_any_lot_the_table_keeps_its_three_columns()
    {
        var cells = Cells(Assert.Single(MergeAndParse(s_threeDevices).Descendants<Table>()));

        Assert.All(cells, row => Assert.Equal(3, row.Count));
    }
}
