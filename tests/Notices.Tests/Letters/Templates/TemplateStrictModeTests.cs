using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

public sealed class TemplateStrictModeTests
{
    private const string TemplateWithTypoOnLine7 =
        "# Vigtig sikkerhedsmeddelelse\n" +
        "\n" +
        "Kære {{ patient.first_name }}\n" +
        "\n" +
        "Vi skriver til dig om {{ letter.reference }}.\n" +
        "\n" +
        "Med venlig hilsen til {{ patient.nme }}\n";

    [Fact]
    public void Validate_UndefinedField_NamesFieldFileLineAndColumn()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: TemplateWithTypoOnLine7));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("patient.nme", error.Field);
        Assert.Equal((7, 26), (error.Line, error.Column));
        Assert.StartsWith("/tmp/notices-tests/fa830/letter.md:7:26: unknown field or function 'patient.nme'", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/templates.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_UndefinedMemberOfALoopVariable_NamesEmailFileAndPath()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailTemplate: "Hej\n\n{{ for d in devices }}\n- {{ d.modle }}\n{{ end }}\n"));

        var error = Assert.Throws<TemplateFieldException>(() => templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));

        Assert.Equal("d.modle", error.Field);
        Assert.Equal((4, 6), (error.Line, error.Column));
        Assert.Contains("email.md:4:6:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedMemberOfALoopVariable_IsFoundWithoutMerging()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailTemplate: "{{ for d in devices }}{{ if d.lot_unknown }}{{ d.lott }}{{ end }}{{ end }}"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("d.lott", error.Field);
    }

    [Fact]
    public void Validate_UndefinedFieldInElseBranch_IsFoundAtLoad()
    {
        var template = "Hej\n{{ if patient.address_line2 }}\n{{ patient.address_line2 }}\n{{ else }}\n{{ patient.adress_line1 }}\n{{ end }}\n";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("patient.adress_line1", error.Field);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Validate_UndefinedFieldBehindAConditionNoSyntheticLetterMeets_IsFoundByTheBranchCheck()
    {
        // Neither made-up letter lives in Norway: only the static walk over every branch reaches this line.
        var template = "Hej\n{{ if patient.country == \"NO\" }}\n{{ patient.postnummer }}\n{{ end }}\n";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal(("patient.postnummer", 3, 4), (error.Field, error.Line, error.Column));
    }

    [Fact]
    public void Validate_UndefinedFunctionArgument_IsAFieldError()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej\n\nDato: {{ dato letter.dato }}\n"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("letter.dato", error.Field);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("{{ datoo letter.date }}", "datoo", 4)]
    [InlineData("{{ letter.date | date.to_string '%d' }}", "date", 18)]
    [InlineData("{{ string.upcase patient.name }}", "string", 4)]
    [InlineData("{{ include 'letter.md' }}", "include", 4)]
    [InlineData("{{ object.eval patient.name }}", "object", 4)]
    public void Validate_UnknownFunction_IsRefusedWithItsName(string expression, string name, int column)
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej\n" + expression + "\n"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal(name, error.Field);
        Assert.Equal((2, column), (error.Line, error.Column));
    }

    [Fact]
    public void Validate_UndefinedFieldInSubject_NamesNoticeYaml()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailSubject: "Vigtigt {{ letter.ref }}"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal(NoticeTemplates.EmailSubjectSource, error.TemplateFile);
        Assert.Contains("letter.ref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_MemberOfANullField_FailsInsteadOfPrintingNothing()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej {{ patient.address_line2.text }}"));

        var error = Assert.Throws<NoticeTemplateException>(() => templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));

        Assert.Equal(1, error.Line);
        Assert.Contains("null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_IndexOutOfRange_Fails()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej\n{{ devices[7].model }}"));

        var error = Assert.Throws<NoticeTemplateException>(() => templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));

        Assert.Equal(2, error.Line);
        Assert.Contains("out of bounds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WellFormedTemplates_Pass()
    {
        var templates = new NoticeTemplates(LetterTestData.Package());

        templates.Validate();

        var merged = templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate);
        Assert.Contains("Kære Søren Ærø", merged.LetterMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedIf_IsASyntaxErrorAtTheOpeningTag()
    {
        var template = "Hej\n\n{{ if large_print }}\nStor skrift\n\nSlut\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal("/tmp/notices-tests/fa830/letter.md:3:1: template syntax error: '{{ if large_print }}' is never closed with {{ end }}.", error.Message);
    }

    [Fact]
    public void Parse_UnclosedForInsideAClosedIf_NamesTheFor()
    {
        var template = "{{ if large_print }}\nA\n{{ end }}\n{{ for d in devices }}\n{{ if d.lot_unknown }}x{{ end }}\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Contains("'{{ for d in devices }}' is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayEnd_GivesItsLine()
    {
        var template = "Hej\n{{ if large_print }}x{{ end }}\n\n{{ end }}\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(emailTemplate: template)));

        Assert.Equal(4, error.Line);
        Assert.Contains("email.md:4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedExpression_UsesParserPosition()
    {
        var template = "Hej\n\nKære {{ patient.first_name\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void If_OnNullField_TakesElseBranch()
    {
        var template = "{{ if patient.address_line2 }}c/o: {{ patient.address_line2 }}{{ else }}ingen c/o{{ end }}|" +
                       "{{ if patient.email }}mail{{ end }}|{{ if !large_print }}normal{{ end }}";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));
        var recipient = LetterTestData.Recipient() with { Email = null };

        var merged = templates.Merge(LetterTestData.Letter(recipient), LetterTestData.LetterDate);

        Assert.Equal("ingen c/o||normal", merged.LetterMarkdown);
    }

    [Fact]
    public void If_OnPresentField_TakesThenBranch()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{ if patient.address_line2 }}c/o: {{ patient.address_line2 }}{{ else }}ingen{{ end }}"));

        var merged = templates.Merge(LetterTestData.Letter(LetterTestData.Recipient(addressLine2: "c/o Hansen")), LetterTestData.LetterDate);

        Assert.Equal(@"c/o: c\/o Hansen", merged.LetterMarkdown);
    }
}
