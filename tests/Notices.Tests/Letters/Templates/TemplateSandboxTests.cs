using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

/// <summary>The template sees the letter model and the product's functions, nothing of .NET, and runs within limits;
/// each breach fails <c>plan</c> (Validate) with file:line:column.</summary>
public sealed class TemplateSandboxTests
{
    private static NoticeTemplateException ValidateFails(string letterTemplate) =>
        Assert.ThrowsAny<NoticeTemplateException>(new NoticeTemplates(LetterTestData.Package(letterTemplate: letterTemplate)).Validate);

    [Fact]
    public void A_date_field_shows_no_dotnet_members()
    {
        var error = ValidateFails("Hej\n{{ letter.date.year }}\n");

        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains("letter.date.year", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_date_written_as_a_value_prints_the_danish_long_date()
    {
        var merged = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ letter.date }}")).Merge(LetterTestData.Letter(), LetterTestData.LetterDate);

        Assert.Equal("21\\. november 2026", merged.LetterMarkdown);
    }

    [Fact]
    public void Import_is_refused()
    {
        var error = ValidateFails("Hej\n{{ import patient }}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("'import' is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loop_limit_fails_plan_at_the_loop()
    {
        var error = ValidateFails("Hej\n\n{{ for i in 1..5000 }}x{{ end }}\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("`1000`", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"/tmp/notices-tests/fa830/letter.md:3:{error.Column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_loops_share_the_limit()
    {
        var error = ValidateFails("{{ for i in 1..40 }}{{ for j in 1..40 }}x{{ end }}{{ end }}");

        Assert.Contains("iteration limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_while_loop_stops_at_the_limit()
    {
        var error = ValidateFails("Hej\n{{ while true }}x{{ end }}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("iteration limit `1000`", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recursion_limit_fails_plan()
    {
        var error = ValidateFails("{{ func f\n ret f($0 + 1)\nend }}\nHej {{ f 1 }}\n");

        Assert.NotNull(error.Line);
        Assert.Contains("recursive depth limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_limit_fails_plan_instead_of_cutting_the_letter()
    {
        var error = ValidateFails("Hej\n{{ for i in 1..900 }}{{ patient.name }} " + new string('x', 1_000) + "{{ end }}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("output limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_the_limits_a_loop_and_a_function_of_the_template_merge()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ func hils\n ret \"Hej \" + $0\nend }}{{ hils patient.first_name }}:{{ for i in 1..3 }}{{ i }}{{ end }}"));

        templates.Validate();

        Assert.Equal("Hej Søren:123", templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);
    }

    [Fact]
    public void A_variable_set_in_the_letter_does_not_leak_into_the_email()
    {
        var package = LetterTestData.Package(letterTemplate: "{{ hilsen = \"Hej\" }}{{ hilsen }}", emailTemplate: "{{ hilsen }}");

        var error = Assert.Throws<TemplateFieldException>(() => new NoticeTemplates(package).Merge(LetterTestData.Letter(), LetterTestData.LetterDate));

        Assert.Equal("hilsen", error.Field);
        Assert.EndsWith("email.md", error.TemplateFile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ letter.id = \"EVIL-1\" }}")]
    [InlineData("{{ patient.first_name = \"X\" }}")]
    [InlineData("{{ devices[0].serial_number = \"X\" }}")]
    public void A_template_cannot_change_a_field_of_the_letter(string assignment)
    {
        // Regression: the letter, email and subject share one model; a write in letter.md reached the email's id.
        var error = ValidateFails("Hej\n" + assignment + "\n");

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_field_by_index_and_a_function_with_named_parameters_pass_the_branch_check()
    {
        // Regression: the branch check took the member after an indexer, and a func's parameters, for unknown fields.
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ func hils(navn) }}{{ ret \"Hej \" + navn }}{{ end }}{{ hils devices[0].model }}"));

        templates.Validate();

        Assert.Equal("Hej MiniMed 508", templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);
    }

    [Fact]
    public void An_index_out_of_range_fails_the_merge()
    {
        var error = ValidateFails("Hej {{ devices[5].model }}");

        Assert.Contains("out of bounds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_doubled_in_a_loop_fails_at_the_output_limit_before_it_fills_memory()
    {
        // Regression: the limit counted only written text, so this allocated about 2.7 GB before failing.
        var before = GC.GetTotalAllocatedBytes(precise: false);

        var error = ValidateFails("Hej\n{{ x = \"aaaaaaaaaa\" }}{{ for i in 1..30 }}{{ x = x + x }}{{ end }}{{ x.size }}\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("output limit", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetTotalAllocatedBytes(precise: false) - before < 1_000_000_000, "the merge allocated far more than the limit");
    }

    [Fact]
    public void Nothing_of_one_merge_reaches_the_next_on_the_same_thread()
    {
        // The contexts are reused per thread: a variable, the output or the letter of the last merge must not show.
        var setting = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ seen = true }}{{ patient.first_name }}"));
        var reading = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ seen }}"));

        Assert.Equal("Anna", setting.Merge(LetterTestData.Letter(LetterTestData.Recipient(firstName: "Anna")), LetterTestData.LetterDate).LetterMarkdown);
        Assert.Equal("Bo", setting.Merge(LetterTestData.Letter(LetterTestData.Recipient(firstName: "Bo")), LetterTestData.LetterDate).LetterMarkdown);
        var error = Assert.Throws<TemplateFieldException>(() => reading.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));
        Assert.Equal("seen", error.Field);
    }

    [Fact]
    public void A_failed_merge_leaves_nothing_behind_for_the_next()
    {
        var failing = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ for d in devices }}FØR {{ d.model }}{{ dato patient.address_line2 }}{{ end }}"));
        var working = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ if storskrift }}stor{{ else }}normal{{ end }} {{ patient.first_name }}"));

        Assert.ThrowsAny<NoticeTemplateException>(() => failing.Merge(LetterTestData.Letter(LetterTestData.Recipient(largePrint: true)), LetterTestData.LetterDate));

        Assert.Equal("normal Søren", working.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);
    }
}
