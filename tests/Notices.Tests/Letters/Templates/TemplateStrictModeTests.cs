using Xunit;
using Notices.Letters.Templates;

namespace Notices.Tests.Letters.Templates;

public sealed class TemplateStrictModeTests
{
    private const string TemplateWithTypoOnLine7 =
        "# Vigtig sikkerhedsmeddelelse\n" +
        "\n" +
        "Kære {{patient.first_name}}\n" +
        "\n" +
        "Vi skriver til dig om {{letter.reference}}.\n" +
        "\n" +
        "Med venlig hilsen til {{patient.nme}}\n";

    [Fact]
    public void Validate_UndefinedField_NamesFieldTemplateFileAndLine()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: TemplateWithTypoOnLine7));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("patient.nme", error.Field);
        Assert.Equal(7, error.Line);
        Assert.EndsWith("letter.md", error.TemplateFile, StringComparison.Ordinal);
        Assert.Contains("patient.nme", error.Message, StringComparison.Ordinal);
        Assert.Contains("letter.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("linje 7", error.Message, StringComparison.Ordinal);
        Assert.Equal("{{patient.nme}}", error.Expression);
    }

    [Fact]
    public void Merge_UndefinedFieldInEmailTemplate_NamesEmailFile()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailTemplate: "Hej\n\n{{#each devices}}\n- {{modle}}\n{{/each}}\n"));

        var error = Assert.Throws<TemplateFieldException>(() => templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate));

        Assert.Equal("modle", error.Field);
        Assert.Equal(4, error.Line);
        Assert.Contains("email.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedFieldInElseBranch_IsFoundAtLoad()
    {
        // The sample letter with c/o never reaches the else branch; the sparse synthetic letter does.
        var template = "Hej\n{{#if patient.address_line2}}\n{{patient.address_line2}}\n{{else}}\n{{patient.adress_line1}}\n{{/if}}\n";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("patient.adress_line1", error.Field);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Validate_UndefinedHelperArgument_IsAFieldError()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "Hej\n\nDato: {{dato letter.dato}}\n"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal("letter.dato", error.Field);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Validate_UndefinedFieldInSubject_NamesNoticeYaml()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(emailSubject: "Vigtigt {{letter.ref}}"));

        var error = Assert.Throws<TemplateFieldException>(templates.Validate);

        Assert.Equal(NoticeTemplates.EmailSubjectSource, error.TemplateFile);
        Assert.Contains("letter.ref", error.Message, StringComparison.Ordinal);
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
    public void Compile_UnclosedIf_GivesFileAndLineOfTheOpeningTag()
    {
        var template = "Hej\n\n{{#if large_print}}\nStor skrift\n\nSlut\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal(3, error.Line);
        Assert.Contains("letter.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("linje 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("{{/if}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_StrayClosingTag_GivesItsLine()
    {
        var template = "Hej\n{{#if large_print}}x{{/if}}\n\n{{/each}}\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(emailTemplate: template)));

        Assert.Equal(4, error.Line);
        Assert.Contains("email.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnclosedExpression_UsesParserPosition()
    {
        var template = "Hej\n\nKære {{patient.first_name\n";

        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void If_OnNullField_TakesElseBranch()
    {
        var template = "{{#if patient.address_line2}}c/o: {{patient.address_line2}}{{else}}ingen c/o{{/if}}|" +
                       "{{#if patient.email}}mail{{/if}}|{{#unless large_print}}normal{{/unless}}";
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: template));
        var recipient = LetterTestData.Recipient() with { Email = null };

        var merged = templates.Merge(LetterTestData.Letter(recipient), LetterTestData.LetterDate);

        Assert.Equal("ingen c/o||normal", merged.LetterMarkdown);
    }

    [Fact]
    public void If_OnPresentField_TakesThenBranch()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{#if patient.address_line2}}c/o: {{patient.address_line2}}{{else}}ingen{{/if}}"));

        var merged = templates.Merge(LetterTestData.Letter(LetterTestData.Recipient(addressLine2: "c/o Hansen")), LetterTestData.LetterDate);

        Assert.Equal(@"c/o: c\/o Hansen", merged.LetterMarkdown);
    }

    [Fact]
    public void TemplateSourceLocator_SkipsCommentsAndFindsRelativePaths()
    {
        var source = "{{!-- {{patient.nme}} --}}\nA\n{{#each devices}}{{this.serial}}{{/each}}";

        var tag = TemplateSourceLocator.FindField(source, "serial", "serial");

        Assert.NotNull(tag);
        Assert.Equal(3, tag.Line);
        Assert.Null(TemplateSourceLocator.FindField(source, "patient.nme", "nme"));
    }
}
