using Notices.Tests.Confirmations;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary><c>notices ack import</c> run as the real program: help, usage errors, a ledger that does not verify.</summary>
public sealed class ReplyImportCliTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    [Fact]
    public void Help_explains_matching_and_gives_an_example()
    {
        using var dir = new TempDirectory();
        var help = CliRunner.Run(dir.Path, "ack", "import", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--maildir", help.StdOut, StringComparison.Ordinal);
        Assert.Contains("svar+<letter-id>.<tag>@<reply_domain>", help.StdOut, StringComparison.Ordinal);
        Assert.Contains("notices ack import --maildir", help.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_is_not_a_maildir_and_a_missing_store_are_bad_usage()
    {
        using var c = sent.Copy();
        var notMaildir = CliRunner.Run(c.Dir.Path, "ack", "import", "--maildir", c.OutDir, "--db", "notices.db");
        Assert.Equal(2, notMaildir.ExitCode);
        Assert.Contains("is not a Maildir", notMaildir.StdErr, StringComparison.Ordinal);

        var noStore = CliRunner.Run(c.Dir.Path, "ack", "import", "--maildir", c.Maildir, "--db", "missing.db");
        Assert.Equal(2, noStore.ExitCode);
        Assert.StartsWith("fejl:", noStore.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_that_does_not_verify_is_refused_and_nothing_is_recorded()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        c.Deliver("1.reply", ReplyMessages.Reply(sent.Verp.ReplyAddress(SentCampaignFixture.CampaignId, a.LetterId, "replies.example.com"),
            "p@example.net", "Re", messageId: "<t1@x>", date: ReplyMessages.MinutesAgo(5)));
        LedgerForgery.Sqlite(c.DbPath, "UPDATE ledger SET Detail = '{}' WHERE Seq = 3;");

        var import = CliRunner.Run(c.Dir.Path, "ack", "import", "--maildir", c.Maildir, "--db", "notices.db");

        Assert.NotEqual(0, import.ExitCode);
        Assert.Contains("ack import", import.StdErr, StringComparison.Ordinal);
        Assert.Equal("0", LedgerForgery.Sqlite(c.DbPath, "SELECT COUNT(*) FROM ledger WHERE Kind = 'Acknowledged';").Trim());
    }

    [Fact]
    public void A_genuine_reply_is_recorded_and_listed_by_letter_and_file()
    {
        using var c = sent.Copy();
        var a = sent.EmailLetters[0];
        c.Deliver("1795400001.V1.mail", ReplyMessages.Reply(sent.Verp.ReplyAddress(SentCampaignFixture.CampaignId, a.LetterId, "replies.example.com"),
            "p@example.net", "Re", messageId: "<t2@x>", date: ReplyMessages.MinutesAgo(5)));
        c.Deliver("1795400002.V2.mail", ReplyMessages.Reply("svar@replies.example.com", "p@example.net", "Tak", messageId: "<t3@x>"));

        var import = CliRunner.Run(c.Dir.Path, "ack", "import", "--maildir", c.Maildir, "--db", "notices.db");

        Assert.True(import.ExitCode == 0, import.All);
        Assert.Matches(@"acknowledgements recorded\s*│\s*1\b", import.StdOut);
        Assert.Matches($@"{a.LetterId}\s+\d{{4}}-\d{{2}}-\d{{2}}\s+1795400001\.V1\.mail", import.StdOut);
        Assert.Matches(@"names no letter\s*│\s*1\b", import.StdOut);
        Assert.Matches(@"1795400002\.V2\.mail\s+names no letter", import.StdOut);
        Assert.DoesNotContain("example.net", import.All, StringComparison.Ordinal);
    }
}
