using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

/// <summary>Regressions from the second hostile review: what a template may not do, checked when it is parsed or merged.</summary>
public sealed class TemplateRulesTests
{
    private static NoticeTemplateException ParseFails(string letterTemplate) =>
        Assert.ThrowsAny<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: letterTemplate)));

    private static NoticeTemplateException ValidateFails(string letterTemplate) =>
        Assert.ThrowsAny<NoticeTemplateException>(new NoticeTemplates(LetterTestData.Package(letterTemplate: letterTemplate)).Validate);

    [Theory]
    [InlineData("Hej\n{{ devices[0] = {model: \"FAKE\"} }}")]
    [InlineData("Hej\n{{ patient.address_lines[0] = \"Falsk Navn\" }}")]
    [InlineData("Hej\n{{ sender.address_lines[0] = \"Falsk vej\" }}")]
    public void A_list_of_the_letter_cannot_be_written_by_index(string template)
    {
        var error = ValidateFails(template);

        Assert.Equal(2, error.Line);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xception", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hej\n{{ capture c }}x{{ end }}{{ c }}", "capture")]
    [InlineData("Hej\n{{ wrap f }}x{{ end }}", "wrap")]
    [InlineData("Hej\n{{ tablerow x in devices }}{{ x.model }}{{ end }}", "tablerow")]
    public void Statements_whose_output_bypasses_escaping_and_limits_are_refused(string template, string statement)
    {
        var error = ParseFails(template);

        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains($"'{statement}' is not available", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hej {{ letter = {id: \"FA830-DK-999999\"} }}", "letter", "a field of the letter")]
    [InlineData("Hej {{ patient = 1 }}", "patient", "a field of the letter")]
    [InlineData("Hej {{ storskrift = true }}", "storskrift", "one of the product's functions")]
    [InlineData("Hej {{ func dato(x) }}1. januar 1970{{ end }}", "dato", "one of the product's functions")]
    [InlineData("Hej {{ func enheder }}FAKE{{ end }}", "enheder", "one of the product's functions")]
    [InlineData("Hej {{ for patient in devices }}{{ end }}", "patient", "a field of the letter")]
    public void A_field_or_function_cannot_be_redefined(string template, string name, string what)
    {
        var error = ParseFails(template);

        Assert.Equal(1, error.Line);
        Assert.Contains($"'{name}' is {what}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_error_does_not_quote_patient_data()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej {{ patient.first_name 1 }}"));

        var error = Assert.ThrowsAny<NoticeTemplateException>(() =>
            templates.Merge(LetterTestData.Letter(LetterTestData.Recipient(firstName: "Ayşe")), LetterTestData.LetterDate));

        Assert.DoesNotContain("Ayşe", error.Message, StringComparison.Ordinal);
        Assert.Contains("patient.first_name", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("{{ if patient.email == \"ole@first.dk\" }}ja{{ end }}")]
    [InlineData("{{# skriv til support@index.dk }}Hej")]
    [InlineData("{{ {a: \"x\"}.a }}")]
    public void Scriban_text_that_merely_looks_like_handlebars_is_accepted(string template)
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));

        templates.Validate();
    }

    [Fact]
    public void While_index_is_known_inside_a_while_loop()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ n = 0 }}{{ while n < 3 }}{{ while.index }}{{ n = n + 1 }}{{ end }}"));

        templates.Validate();

        Assert.Equal("012", templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);
    }

    [Fact]
    public void The_top_level_names_are_those_of_the_model()
    {
        var model = LetterModelBuilder.Build(LetterTestData.Package(), LetterTestData.Letter(), LetterTestData.LetterDate);

        Assert.Equal(LetterModelBuilder.TopLevelNames.Order(StringComparer.Ordinal), model.Keys.Append("reminder").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Hej\n{{ if patient.country == \"NO\" }}{{ devices[0].modle }}{{ end }}", "devices[0].modle", 36)]
    [InlineData("Hej\n{{ if patient.country == \"NO\" }}{{ patient[\"nme\"] }}{{ end }}", "patient[\"nme\"]", 36)]
    [InlineData("Hej\n{{ if false }}{{ for d in devices }}{{ d.serial }}{{ end }}{{ end }}", "d.serial", 40)]
    public void The_branch_check_follows_indexes_and_loop_items(string template, string field, int column)
    {
        var error = Assert.Throws<TemplateFieldException>(new NoticeTemplates(LetterTestData.Package(letterTemplate: template)).Validate);

        Assert.Equal((field, 2, column), (error.Field, error.Line, error.Column));
    }
}
