using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary><c>notices dsn import</c> run as the real program.</summary>
public sealed class DsnImportCliTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [Fact]
    public void Import_prints_the_summary_and_a_second_run_reports_everything_as_already_imported()
    {
        using var c = sent.Copy();
        var (a, x) = (sent.EmailLetters[0], sent.EmailLetters[1]);
        c.Deliver("1795252504.V1.mail", sent.Report("postfix-delivered.eml", a, "<c1@mail.example.com>"));
        c.Deliver("1795252505.V2.mail", sent.Report("postfix-bounced.eml", x, "<c2@mail.example.com>"));
        c.Deliver("1795252506.V3.mail", sent.Report("autoreply.eml", x, "<c3@patients.test>"), "cur");

        var first = Import(c);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"files read\s*│\s*3\b", first.StdOut);
        Assert.Matches(@"delivered\s*│\s*1\b", first.StdOut);
        Assert.Matches(@"bounced\s*│\s*1\b", first.StdOut);
        Assert.Matches(@"re-routed to post\s*│\s*1\b", first.StdOut);
        Assert.Matches(@"could not re-route\s*│\s*0\b", first.StdOut);
        Assert.Matches(@"unmatched\s*│\s*1\b", first.StdOut);
        Assert.Matches(@"Print batches: fa830-minimed-dk/print/batch-\d{4}\.pdf", first.StdOut);
        Assert.Matches(@"1795252506\.V3\.mail\s+not a delivery report or bounce", first.StdOut);
        Assert.DoesNotContain("patients.test", first.All, StringComparison.Ordinal);

        var second = Import(c);

        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"already imported\s*│\s*2\b", second.StdOut);
        Assert.Matches(@"bounced\s*│\s*0\b", second.StdOut);
        Assert.Matches(@"re-routed to post\s*│\s*0\b", second.StdOut);
        Assert.True(File.Exists(Path.Combine(c.Maildir, "cur", "1795252506.V3.mail")));
    }

    [Fact]
    public void A_bounce_that_cannot_go_by_post_exits_3_and_names_the_letter()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[2];
        File.Delete(c.LetterPdf(x.LetterId));
        c.Deliver("1795252507.V4.mail", sent.Report("postfix-bounced.eml", x, "<c4@mail.example.com>"));

        var result = Import(c);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"could not re-route\s*│\s*1\b", result.StdOut);
        Assert.Matches(x.LetterId + @"\s+letter PDF missing", result.StdOut);
    }

    [Fact]
    public void A_missing_maildir_or_store_is_a_usage_error_and_help_explains_the_command()
    {
        using var c = sent.Copy();

        var noMaildir = CliRunner.Run(c.Dir.Path, "dsn", "import", "--maildir", "out", "--db", "notices.db");
        var noStore = CliRunner.Run(c.Dir.Path, "dsn", "import", "--maildir", "Maildir", "--db", "missing.db");
        var noOption = CliRunner.Run(c.Dir.Path, "dsn", "import");
        var help = CliRunner.Run(c.Dir.Path, "dsn", "import", "--help");

        Assert.Equal(2, noMaildir.ExitCode);
        Assert.Contains("not a Maildir", noMaildir.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, noStore.ExitCode);
        Assert.Contains("no store at missing.db", noStore.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, noOption.ExitCode);
        Assert.False(File.Exists(Path.Combine(c.Dir.Path, "missing.db")));
        Assert.Equal(0, help.ExitCode);
        foreach (var phrase in new[] { "--maildir", "--no-print-fallback", "EmailBounced", "never changed", "bounces+<letter-id>", "print batch" })
        {
            Assert.Contains(phrase, help.StdOut, StringComparison.Ordinal);
        }
    }

    private static CliRunner.Result Import(SentCampaign c) =>
        CliRunner.Run(c.Dir.Path, "dsn", "import", "--maildir", "Maildir", "--db", "notices.db", "--out", "out");
}
