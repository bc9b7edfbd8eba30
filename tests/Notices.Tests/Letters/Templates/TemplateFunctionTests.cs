using Notices.Campaigns;
using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

public sealed class TemplateFunctionTests
{
    private static string Merge(string template, RecipientSnapshot? recipient = null, IReadOnlyList<AffectedDevice>? devices = null) =>
        new NoticeTemplates(LetterTestData.Package(letterTemplate: template))
            .Merge(LetterTestData.Letter(recipient, devices), LetterTestData.LetterDate).LetterMarkdown;

    [Theory]
    [InlineData("{{ dato letter.date }}", "21\\. november 2026")]
    [InlineData("{{ letter.date | dato }}", "21\\. november 2026")]
    [InlineData("{{ dato \"2026-12-07\" }}", "7\\. december 2026")]
    public void Dato_writes_a_danish_long_date(string template, string expected) => Assert.Equal(expected, Merge(template));

    [Fact]
    public void Dato_of_an_empty_field_fails_with_its_location()
    {
        var error = Assert.ThrowsAny<NoticeTemplateException>(() => Merge("Hej\n{{ dato patient.address_line2 }}"));

        Assert.Equal(2, error.Line);
        Assert.Contains("'dato' got no date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dato_of_text_that_is_not_a_date_fails()
    {
        var error = Assert.ThrowsAny<NoticeTemplateException>(() => Merge("{{ dato patient.city }}"));

        Assert.Contains("'dato' expects a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Liste_joins_non_blank_items_with_a_comma_or_the_given_separator()
    {
        Assert.Equal(@"Lautrupvang 9\, 2750 Ballerup", Merge("{{ liste sender.address_lines }}"));
        Assert.Equal(@"Lautrupvang 9 \/ 2750 Ballerup", Merge("{{ liste sender.address_lines \" / \" }}"));
    }

    [Theory]
    [InlineData(true, "stor")]
    [InlineData(false, "normal")]
    public void Storskrift_is_true_for_a_large_print_letter(bool largePrint, string expected) =>
        Assert.Equal(expected, Merge("{{ if storskrift }}stor{{ else }}normal{{ end }}", LetterTestData.Recipient(largePrint: largePrint)));

    [Fact]
    public void Enheder_with_the_devices_argument_makes_the_same_table_as_without()
    {
        AffectedDevice[] devices = [new("Medtek", "MiniMed 508", "SN-1", "2.6A", false), new("Medtek", "Paradigm 522", "SN-2", null, true)];

        Assert.Equal(Merge("{{ enheder }}", devices: devices), Merge("{{ enheder devices }}", devices: devices));
        Assert.Contains(@"ukendt\*", Merge("{{ enheder }}", devices: devices), StringComparison.Ordinal);
    }

    [Fact]
    public void Enheder_is_not_available_in_the_subject()
    {
        var package = LetterTestData.Package(emailSubject: "Dine enheder: {{ enheder }}");

        var error = Assert.Throws<TemplateFieldException>(new NoticeTemplates(package).Validate);

        Assert.Equal("enheder", error.Field);
    }

    [Fact]
    public void A_function_given_too_many_arguments_fails_with_its_location()
    {
        var error = Assert.ThrowsAny<NoticeTemplateException>(() => Merge("Hej\n{{ dato letter.date letter.date }}"));

        Assert.Equal(2, error.Line);
    }
}
