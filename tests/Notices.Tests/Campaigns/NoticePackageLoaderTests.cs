using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

public sealed class NoticePackageLoaderTests
{
    [Fact]
    public void Loads_the_sample_notice()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);

        Assert.Equal("FA830", notice.Reference);
        Assert.Equal("+45 32481880", notice.Sender.Phone);
        Assert.Equal(6, notice.Affected.Count);
        Assert.Equal("2.6A", notice.Affected[^1].SoftwareMax);
        Assert.Contains("MiniMed Paradigm Veo 754", notice.Affected[^1].Models);
        Assert.False(string.IsNullOrWhiteSpace(notice.LetterTemplate));
    }

    [Fact]
    public void Names_the_file_line_and_key_of_every_problem()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notice.yaml"), """
            id: test-notice
            subject: Emne
            sender:
              organisation: Firma A/S
              signatory:
                name: Anne Æbelø
            email:
              subject: Emne
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 508]
                software_max: nyeste
            """);
        File.WriteAllText(dir.File("letter.md"), "Hej");
        File.WriteAllText(dir.File("email.md"), "Hej");

        var ex = Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(dir.Path));

        Assert.Contains(ex.Problems, p => p.Contains("notice.yaml:1:", StringComparison.Ordinal) && p.Contains("'reference'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("notice.yaml:12:", StringComparison.Ordinal) && p.Contains("affected[1].software_max", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_yaml_syntax_errors_with_their_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notice.yaml"), "id: a\nreference: [FA1\nsubject: x\n");
        File.WriteAllText(dir.File("letter.md"), "Hej");
        File.WriteAllText(dir.File("email.md"), "Hej");

        var ex = Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(dir.Path));

        Assert.Contains(ex.Problems, p => p.Contains("YAML syntax error", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_template_file_is_named()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.SampleNotice, "notice.yaml"), dir.File("notice.yaml"));
        File.WriteAllText(dir.File("letter.md"), "Hej");

        var ex = Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(dir.Path));

        Assert.Contains(ex.Problems, p => p.Contains("email.md", StringComparison.Ordinal));
    }
}
