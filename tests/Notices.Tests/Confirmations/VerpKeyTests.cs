using Notices.Model;
using Microsoft.Data.Sqlite;
using Notices.Delivery;
using Notices.Store;
using Notices.Tests.Delivery;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>Where the VERP key comes from: NOTICES_VERP_KEY when set, else a secret the store makes once and keeps.</summary>
public sealed class VerpKeyTests(SentCampaignFixture sent) : IClassFixture<SentCampaignFixture>
{
    private const string EnvironmentKey = "an-operator-chosen-verp-key-for-tests";

    [Fact]
    public void The_store_makes_its_key_once_keeps_it_and_another_store_has_its_own()
    {
        using var dir = new TempDirectory();
        byte[] first, again, other;
        using (var db = StoreSchema.Open(dir.File("a.db")))
        {
            first = StoreSecrets.VerpKey(db);
            Assert.Equal(first, StoreSecrets.VerpKey(db));
        }

        using (var db = StoreSchema.Open(dir.File("a.db")))
        {
            again = StoreSecrets.VerpKey(db);
        }

        using (var db = StoreSchema.Open(dir.File("b.db")))
        {
            other = StoreSecrets.VerpKey(db);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(32, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_store_made_before_the_secrets_table_gets_it_on_open_and_keeps_its_schema_version()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.db");
        using (var db = StoreSchema.Open(path))
        {
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.ReadUserVersion(db));
        }

        // What a version-1 store from before signed VERP looks like.
        Execute(path, "DROP TABLE store_secrets;");
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'store_secrets';"));

        using (var db = StoreSchema.Open(path))
        {
            Assert.Equal(32, StoreSecrets.VerpKey(db).Length);
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.ReadUserVersion(db));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(1L, Scalar(path, "SELECT COUNT(*) FROM store_secrets WHERE Name = 'verp_key';"));
    }

    [Fact]
    public void Dsn_import_checks_tags_with_NOTICES_VERP_KEY_when_set_and_with_the_stores_key_otherwise()
    {
        using var c = sent.Copy();
        var x = sent.EmailLetters[6];
        // send signed with the store's key (the fixture ran without NOTICES_VERP_KEY).
        c.Deliver("1795252508.V5.mail", sent.Report("postfix-bounced.eml", x, "<k1@mail.example.com>"));
        var environment = new Dictionary<string, string> { [VerpSigner.EnvironmentVariable] = EnvironmentKey };

        var withOtherKey = CliRunner.Run(c.Dir.Path, environment, "dsn", "import", "--maildir", "Maildir", "--db", "notices.db", "--out", "out");

        Assert.Equal(0, withOtherKey.ExitCode);
        Assert.Matches(@"bounced\s*│\s*0\b", withOtherKey.StdOut);
        Assert.Matches(@"1795252508\.V5\.mail\s+VERP tag is not letter " + x.LetterId + "'s", withOtherKey.StdOut);
        Assert.DoesNotContain(EnvironmentKey, withOtherKey.All, StringComparison.Ordinal);
        Assert.Empty(c.Ledger(LedgerEventKind.EmailBounced));

        var withStoreKey = CliRunner.Run(c.Dir.Path, "dsn", "import", "--maildir", "Maildir", "--db", "notices.db", "--out", "out");

        Assert.Equal(0, withStoreKey.ExitCode);
        Assert.Matches(@"bounced\s*│\s*1\b", withStoreKey.StdOut);
        Assert.Matches(@"re-routed to post\s*│\s*1\b", withStoreKey.StdOut);
    }

    [Fact]
    public void Send_signs_with_NOTICES_VERP_KEY_when_set_and_dsn_import_with_the_same_key_accepts_the_report()
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { [VerpSigner.EnvironmentVariable] = EnvironmentKey };
        Assert.Equal(0, CliRunner.Run(dir.Path, "import", "--patients", RepoPaths.SamplePatients, "--devices", RepoPaths.SampleDevices, "--db", "n.db").ExitCode);
        var send = CliRunner.Run(dir.Path, environment, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "n.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(send.ExitCode is 0 or 3, send.All);

        var eml = Directory.GetFiles(Path.Combine(dir.Path, "out", SentCampaignFixture.CampaignId, "email"), "*.eml").Order(StringComparer.Ordinal).First();
        var letterId = Path.GetFileNameWithoutExtension(eml);
        // The VERP address is no header (it is MAIL FROM only); the per-letter Reply-To is signed with the same key.
        var sender = new EmlFile(eml).Header("Reply-To");
        var fromEnvironment = new VerpSigner(System.Text.Encoding.UTF8.GetBytes(EnvironmentKey));
        Assert.Contains(fromEnvironment.ReplyAddress(SentCampaignFixture.CampaignId, letterId, "replies.example.com"), sender, StringComparison.Ordinal);
        byte[] storeKey;
        using (var db = StoreSchema.Open(Path.Combine(dir.Path, "n.db")))
        {
            storeKey = StoreSecrets.VerpKey(db);
        }

        SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(new VerpSigner(storeKey).ReplyTag(SentCampaignFixture.CampaignId, letterId), sender, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvironmentKey, send.All, StringComparison.Ordinal);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
