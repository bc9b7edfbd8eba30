using Notices.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary><c>email.reply_domain</c> in notice.yaml: read from the sample, checked for shape, optional.</summary>
public sealed class ReplyDomainTests
{
    [Fact]
    public void The_sample_notice_sets_the_reply_domain()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        Assert.Equal("replies.example.com", notice.ReplyDomain);
        Assert.Equal("fsn-svar@medtronic-sample.example.com", notice.EmailReplyTo);
    }

    [Theory]
    [InlineData("replies example.com")]
    [InlineData("svar@replies.example.com")]
    [InlineData("localhost")]
    [InlineData("-bad.example.com")]
    [InlineData("replies..example.com")]
    public void A_reply_domain_that_is_no_domain_is_named_with_its_line(string domain)
    {
        using var dir = Package(y => y.Replace("reply_domain: replies.example.com", $"reply_domain: \"{domain}\"", StringComparison.Ordinal));

        var ex = Assert.Throws<NoticePackageException>(() => NoticePackageLoader.Load(dir.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Matches(@"notice\.yaml:\d+: 'email\.reply_domain' must be a domain name", problem);
    }

    [Fact]
    public void Without_a_reply_domain_the_fixed_reply_to_stays()
    {
        using var dir = Package(y => y.Replace("  reply_domain: replies.example.com\n", "", StringComparison.Ordinal));

        var notice = NoticePackageLoader.Load(dir.Path);

        Assert.Null(notice.ReplyDomain);
        Assert.Equal("fsn-svar@medtronic-sample.example.com", notice.EmailReplyTo);
    }

    private static TempDirectory Package(Func<string, string> edit)
    {
        var dir = new TempDirectory();
        foreach (var name in new[] { "letter.md", "email.md" })
        {
            File.Copy(Path.Combine(RepoPaths.SampleNotice, name), dir.File(name));
        }

        var yaml = File.ReadAllText(Path.Combine(RepoPaths.SampleNotice, "notice.yaml")).ReplaceLineEndings("\n");
        var edited = edit(yaml);
        Assert.NotEqual(yaml, edited);
        File.WriteAllText(dir.File("notice.yaml"), edited);
        return dir;
    }
}
