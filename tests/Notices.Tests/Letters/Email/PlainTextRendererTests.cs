using Xunit;
using Markdig;
using Notices.Letters;
using Notices.Letters.Email;

namespace Notices.Tests.Letters.Email;

public sealed class PlainTextRendererTests
{
    private static string Render(string markdown) =>
        new PlainTextRenderer().Render(Markdown.Parse(markdown, MarkdownPipelines.Letter));

    [Fact]
    public void Lists_AreNumberedOrBulleted_WithWrappedIndentedContinuation()
    {
        var markdown =
            "# Hvad skal du gøre?\n" +
            "\n" +
            "Du skal gøre følgende:\n" +
            "\n" +
            "1. Hold pumpen og fjernbetjeningen hos dig hele tiden, og del aldrig pumpens serienummer med andre end os.\n" +
            "2. Afbryd forbindelsen.\n" +
            "   - underpunkt et\n" +
            "   - underpunkt to\n" +
            "\n" +
            "Og husk:\n" +
            "\n" +
            "- Punkt a med *kursiv* og [vores side](https://example.com/fsn).\n" +
            "- Punkt b, skriv til [fsn@example.com](mailto:fsn@example.com)\n";

        var expected =
            "Hvad skal du gøre?\n" +
            "==================\n" +
            "\n" +
            "Du skal gøre følgende:\n" +
            "\n" +
            "1. Hold pumpen og fjernbetjeningen hos dig hele tiden, og del aldrig\n" +
            "   pumpens serienummer med andre end os.\n" +
            "2. Afbryd forbindelsen.\n" +
            "   - underpunkt et\n" +
            "   - underpunkt to\n" +
            "\n" +
            "Og husk:\n" +
            "\n" +
            "- Punkt a med kursiv og vores side (https://example.com/fsn).\n" +
            "- Punkt b, skriv til fsn@example.com\n";
        Assert.Equal(expected, Render(markdown));
    }

    [Fact]
    public void Table_IsRenderedAsAlignedColumns()
    {
        var markdown =
            "| Model | Serienummer | Softwareversion |\n" +
            "| --- | --- | ---: |\n" +
            "| MiniMed 508 | SN-1 | 2.6A |\n" +
            "| Paradigm 522 | SN-22222 | ukendt\\* |\n";

        var expected =
            "Model         Serienummer  Softwareversion\n" +
            "------------  -----------  ---------------\n" +
            "MiniMed 508   SN-1                    2.6A\n" +
            "Paradigm 522  SN-22222             ukendt*\n";
        Assert.Equal(expected, Render(markdown));
    }

    [Fact]
    public void Paragraphs_WrapAt72_AndKeepHardBreaks()
    {
        var words = string.Join(' ', Enumerable.Repeat("sikkerhedsmeddelelse", 12));
        var markdown = $"## Baggrund\n\n{words}\n\nLinje et  \nLinje to **fed** og `kode`\n\n### Kontakt\n";

        var text = Render(markdown);
        var lines = text.Split('\n');

        Assert.StartsWith("Baggrund\n--------\n\n", text, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 72, $"line too long: {l.Length}"));
        Assert.Equal(12, lines.Sum(l => l.Split(' ').Count(w => w == "sikkerhedsmeddelelse")));
        Assert.Contains("Linje et\nLinje to fed og kode\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\nKONTAKT\n", text, StringComparison.Ordinal);
    }
}
