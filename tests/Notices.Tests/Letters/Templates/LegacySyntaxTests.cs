using Notices.Letters.Templates;
using Xunit;

namespace Notices.Tests.Letters.Templates;

/// <summary>A template still written for Handlebars fails naming the spot and the syntax page; its braces never reach a letter.</summary>
public sealed class LegacySyntaxTests
{
    [Theory]
    [InlineData("Hej\n{{#each devices}}{{model}}{{/each}}", 2, 1, "{{ for d in devices }}")]
    [InlineData("Hej {{#if large_print}}x{{/if}}", 1, 5, "{{ if x }}")]
    [InlineData("Hej {{{patient.name}}}", 1, 5, "no unescaped output")]
    [InlineData("{{!-- note --}}Hej", 1, 1, "{{# text }}")]
    [InlineData("{{ for d in devices }}{{@index}}{{ end }}", 1, 23, "for.index")]
    [InlineData("{{ for d in devices }}{{this.model}}{{ end }}", 1, 23, "loop variable")]
    public void Handlebars_syntax_fails_with_file_line_column_and_the_new_form(string template, int line, int column, string advice)
    {
        var error = Assert.Throws<NoticeTemplateException>(() => new NoticeTemplates(LetterTestData.Package(letterTemplate: template)));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("is Handlebars syntax", error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Contains(LegacyTemplateSyntax.SyntaxPage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scriban_comments_and_whitespace_control_are_not_mistaken_for_handlebars()
    {
        var templates = new NoticeTemplates(LetterTestData.Package(letterTemplate: "{{# en note }}Hej {{~ patient.first_name ~}} !"));

        Assert.Equal("HejSøren!", templates.Merge(LetterTestData.Letter(), LetterTestData.LetterDate).LetterMarkdown);
    }
}
