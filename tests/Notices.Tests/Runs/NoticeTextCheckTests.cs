using Notices.Campaigns;
using Notices.Letters.Templates;
using Notices.Runs;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>
/// Every text of the package printed on a letter (letter.md, reminder.md, and notice.yaml's title, subject, sender,
/// signatory and return address) is checked against the letter font once, at plan, and each character the font
/// lacks is reported as <c>file:line</c>; none is left to fail letter by letter at send.
/// </summary>
public sealed class NoticeTextCheckTests : IDisposable
{
    // U+674E, a CJK character DejaVu Sans has no glyph for.
    private const string Missing = "李";
    private const string Yaml = """
        id: test-notice
        reference: FA1
        title: Vigtig meddelelse
        subject: Emne
        sender:
          organisation: Firma A/S
          address: [Vej 1, 8000 Aarhus C]
          signatory:
            name: Anne Æbelø
            title: Ansvarlig
        email:
          subject: Emne
        affected:
          - manufacturer: Medtronic
            models: [MiniMed 508]
        return_address:
          text: Returneres til
        reply:
          address: [Firma A/S, Svarvej 2]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("title: Vigtig meddelelse", 3)]
    [InlineData("organisation: Firma A/S", 6)]
    [InlineData("name: Anne Æbelø", 9)]
    [InlineData("title: Ansvarlig", 10)]
    [InlineData("text: Returneres til", 17)]
    [InlineData("address: [Firma A/S, Svarvej 2", 19)]
    public void A_character_the_font_lacks_in_a_printed_notice_yaml_text_is_reported_at_its_line(string line, int number)
    {
        var problems = Check(Yaml.Replace(line, line + " " + Missing, StringComparison.Ordinal), "Hej\n", null);

        var problem = Assert.Single(problems);
        Assert.StartsWith(_dir.File("notice.yaml") + ":" + number + ": the character U+674E", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_the_font_lacks_in_reminder_md_is_reported_at_plan()
    {
        var problem = Assert.Single(Check(Yaml, "Hej\n", "## Påmindelse\n\nHusk " + Missing + "\n"));

        Assert.StartsWith(_dir.File("reminder.md") + ":3: the character U+674E", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_line_with_such_a_character_is_reported_not_only_the_first()
    {
        var problems = Check(Yaml, "Hej\n\nEt " + Missing + "\n\nTo ✈\u20BF " + Missing + "\n", "Husk " + Missing + "\n");

        Assert.Contains(problems, p => p.StartsWith(_dir.File("letter.md") + ":3:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(_dir.File("letter.md") + ":5:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith(_dir.File("reminder.md") + ":1:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_in_notice_yaml_is_not_printed_and_not_checked()
    {
        Assert.Empty(Check("# " + Missing + " kommentar\n" + Yaml, "Hej\n", null));
    }

    private List<string> Check(string yaml, string letter, string? reminder)
    {
        File.WriteAllText(_dir.File("notice.yaml"), yaml);
        File.WriteAllText(_dir.File("letter.md"), letter);
        File.WriteAllText(_dir.File("email.md"), "Hej");
        if (reminder is not null)
        {
            File.WriteAllText(_dir.File("reminder.md"), reminder);
        }

        var notice = NoticePackageLoader.Load(_dir.Path);
        var templates = new NoticeTemplates(notice);
        try
        {
            NoticeTextCheck.Ensure(notice, new LetterComposer(notice, templates));
            return [];
        }
        catch (NoticePackageException ex)
        {
            return ex.Problems.ToList();
        }
    }
}
