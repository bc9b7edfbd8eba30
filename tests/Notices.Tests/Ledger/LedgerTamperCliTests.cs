using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>
/// The attacks of issue 8 on a real sent store, made with the sqlite3 CLI, checked by the real <c>notices verify</c>:
/// what a plain SHA-256 chain cannot see, what the key, the store cross-checks and a pinned head catch.
/// </summary>
public sealed partial class LedgerTamperCliTests(SentStoresFixture stores) : IClassFixture<SentStoresFixture>
{
    private static readonly Dictionary<string, string> Keyed = SentStoresFixture.WithKey(SentStoresFixture.Key);

    [Fact]
    public void A_keyed_store_verifies_with_its_key_asks_for_it_without_and_fails_at_row_1_with_another()
    {
        using var dir = stores.Copy(keyed: true);

        var ok = Verify(dir, Keyed);
        Assert.True(ok.ExitCode == 0, ok.All);
        Assert.Contains("HMAC-SHA256", ok.StdOut, StringComparison.Ordinal);

        var noKey = Verify(dir, null);
        Assert.True(noKey.ExitCode == 2, noKey.All);
        Assert.Contains("keyed", noKey.StdErr, StringComparison.Ordinal);
        Assert.Contains("NOTICES_LEDGER_KEY", noKey.StdErr, StringComparison.Ordinal);

        var wrong = Verify(dir, SentStoresFixture.WithKey("another-key-of-enough-length-0123456789"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("at row 1 (KeyMismatch)", wrong.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_rebuild_with_recomputed_sha256_passes_without_a_key_and_fails_with_one()
    {
        const string edit = "UPDATE ledger SET Detail = '{\"reason\":\"rewritten\"}' WHERE Seq = 7;";
        using var plain = stores.Copy(keyed: false);
        LedgerForgery.RebuildWithSha256(plain.File("s.db"), edit);
        // The documented limit of a chain without a key: a consistent rebuild looks like the original.
        var unkeyed = Verify(plain, null);
        Assert.True(unkeyed.ExitCode == 0, unkeyed.All);

        using var keyed = stores.Copy(keyed: true);
        LedgerForgery.RebuildWithSha256(keyed.File("s.db"), edit);
        var result = Verify(keyed, Keyed);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at row 1 (NotKeyed)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rebuild_that_keeps_the_key_marker_fails_at_the_first_keyed_row()
    {
        using var keyed = stores.Copy(keyed: true);
        var db = keyed.File("s.db");
        var marker = LedgerForgery.Sqlite(db, "SELECT KeyId || '|' || KeyedFrom || '|' || Mac FROM ledger_head;");
        LedgerForgery.RebuildWithSha256(db, "UPDATE ledger SET Detail = '{}' WHERE Seq = 3;");
        var parts = marker.Split('|');
        LedgerForgery.Sqlite(db, $"UPDATE ledger_head SET KeyId = '{parts[0]}', KeyedFrom = {parts[1]}, Mac = '{parts[2]}';");

        var result = Verify(keyed, Keyed);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at row 1 (HashMismatch)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_tail_with_a_fixed_head_fails_with_the_key_and_against_an_earlier_head()
    {
        using var keyed = stores.Copy(keyed: true);
        LedgerForgery.CutTailAndFixHead(keyed.File("s.db"), 5);
        var withKey = Verify(keyed, Keyed);
        Assert.Equal(1, withKey.ExitCode);
        Assert.Contains("(HeadMismatch)", withKey.StdErr, StringComparison.Ordinal);
        Assert.Contains("MAC", withKey.StdErr, StringComparison.Ordinal);

        using var plain = stores.Copy(keyed: false);
        var before = HeadFromStatus(plain, null);
        LedgerForgery.CutTailAndFixHead(plain.File("s.db"), 5);
        // Without a key the shorter chain and its head are consistent: the documented limit...
        Assert.Equal(0, Verify(plain, null).ExitCode);
        // ...which a head pinned before the cut closes.
        var pinned = Verify(plain, null, "--expect-head", before);
        Assert.Equal(1, pinned.ExitCode);
        Assert.Contains("(ExpectedHeadNotFound)", pinned.StdErr, StringComparison.Ordinal);
        Assert.Contains("rows were cut off", pinned.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void An_emptied_ledger_and_head_fail_verify_with_and_without_the_key(bool keyedStore, bool giveKey)
    {
        using var dir = stores.Copy(keyedStore);
        LedgerForgery.Sqlite(dir.File("s.db"), "DELETE FROM ledger; DELETE FROM ledger_head;");

        var result = Verify(dir, giveKey ? Keyed : null);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(LetterWithoutHistory)", result.StdErr, StringComparison.Ordinal);
        Assert.Matches(@"letter FA830-DK-\d{6} has a rendered PDF but no ledger row \(and \d+ more letters\)", result.StdErr);
    }

    [Fact]
    public void Send_after_an_emptied_ledger_refuses_instead_of_sending_everything_again()
    {
        using var dir = stores.Copy(keyed: false);
        LedgerForgery.Sqlite(dir.File("s.db"), "DELETE FROM ledger; DELETE FROM ledger_head;");
        var email = Path.Combine(dir.Path, "out", SentStoresFixture.Campaign, "email");
        var emlBefore = Directory.GetFiles(email).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var send = CliRunner.Run(dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");

        Assert.True(send.ExitCode == 1, send.All);
        Assert.Contains("ledger rows were deleted", send.StdErr, StringComparison.Ordinal);
        Assert.Equal("0", LedgerForgery.Sqlite(dir.File("s.db"), "SELECT COUNT(*) FROM ledger;"));
        Assert.Equal(emlBefore, Directory.GetFiles(email).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void A_letter_with_a_pdf_whose_history_was_removed_from_a_rebuilt_chain_fails()
    {
        using var dir = stores.Copy(keyed: false);
        var db = dir.File("s.db");
        var letter = LedgerForgery.Sqlite(db, "SELECT MIN(LetterId) FROM letters WHERE PdfSha256 IS NOT NULL;");
        Assert.Matches(@"^FA830-DK-\d{6}$", letter);
        LedgerForgery.RebuildWithSha256(db, $"DELETE FROM ledger WHERE LetterId = '{letter}';");

        var result = Verify(dir, null);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"letter {letter} has a rendered PDF but no ledger row:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("(LetterWithoutHistory)", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_head_passes_after_the_ledger_grew_and_fails_after_a_rewrite()
    {
        using var dir = stores.Copy(keyed: false);
        var pinned = HeadFromStatus(dir, null);
        var report = CliRunner.Run(dir.Path, "report", SentStoresFixture.Campaign, "--db", "s.db", "--out", "out");
        Assert.Equal(0, report.ExitCode);
        var reportLedger = File.ReadAllLines(Path.Combine(dir.Path, "out", SentStoresFixture.Campaign, "report-ledger.csv"), Encoding.UTF8);
        Assert.Equal("campaign_id;letters;ledger_rows;ledger_head;ledger_key_id;taken_at_utc;verify_with", reportLedger[0]);
        Assert.StartsWith($"{SentStoresFixture.Campaign};33;{pinned.Split(':')[0]};{pinned};;", reportLedger[1], StringComparison.Ordinal);
        Assert.Contains("Ledger head: " + pinned, report.StdOut, StringComparison.Ordinal);

        Grow(dir, key: null);
        Assert.Equal(0, Verify(dir, null, "--expect-head", pinned).ExitCode);
        Assert.Equal(0, Verify(dir, null, "--expect-head", pinned.Split(':')[1]).ExitCode);
        Assert.NotEqual(pinned, HeadFromStatus(dir, null));

        LedgerForgery.RebuildWithSha256(dir.File("s.db"), "UPDATE ledger SET Kind = 'EmailDelivered' WHERE Seq = 4;");
        Assert.Equal(0, Verify(dir, null).ExitCode);
        var rewritten = Verify(dir, null, "--expect-head", pinned);
        Assert.Equal(1, rewritten.ExitCode);
        Assert.Contains("(ExpectedHeadNotFound)", rewritten.StdErr, StringComparison.Ordinal);
        Assert.Contains("has another hash than the expected head", rewritten.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, Verify(dir, null, "--expect-head", pinned.Split(':')[1]).ExitCode);
    }

    [Fact]
    public void Expect_head_on_a_keyed_store_passes_after_growth_with_the_key()
    {
        using var dir = stores.Copy(keyed: true);
        var pinned = HeadFromStatus(dir, Keyed);
        Grow(dir, LedgerKey.FromSecret(SentStoresFixture.Key));
        var result = Verify(dir, Keyed, "--expect-head", pinned);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Expected head {pinned} is in the chain", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("12:xyz")]
    [InlineData("-1:0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_expected_head_is_a_usage_error(string head)
    {
        using var dir = stores.Copy(keyed: false);
        var result = Verify(dir, null, "--expect-head", head);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--expect-head", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyed_store_refuses_a_send_without_its_key_or_with_another()
    {
        using var dir = stores.Copy(keyed: true);
        var ledgerBefore = LedgerForgery.Sqlite(dir.File("s.db"), "SELECT COUNT(*) || ':' || MAX(Seq) FROM ledger;");

        var noKey = CliRunner.Run(dir.Path, "send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(noKey.ExitCode == 2, noKey.All);
        Assert.Contains("keyed", noKey.StdErr, StringComparison.Ordinal);

        var other = CliRunner.Run(dir.Path, SentStoresFixture.WithKey("another-key-of-enough-length-0123456789"),
            "send", "--unapproved", RepoPaths.SampleNotice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(other.ExitCode == 2, other.All);
        Assert.Contains("is not the key of this store's ledger", other.StdErr, StringComparison.Ordinal);

        var tooShort = Verify(dir, SentStoresFixture.WithKey("short"));
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 16", tooShort.StdErr, StringComparison.Ordinal);

        Assert.Equal(ledgerBefore, LedgerForgery.Sqlite(dir.File("s.db"), "SELECT COUNT(*) || ':' || MAX(Seq) FROM ledger;"));
        Assert.Equal(0, Verify(dir, Keyed).ExitCode);
    }

    [Fact]
    public void A_new_campaign_sent_without_the_key_records_nothing_so_the_store_still_verifies()
    {
        using var dir = stores.Copy(keyed: true);
        var notice = Path.Combine(dir.Path, "fa831");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        var yaml = Path.Combine(notice, "notice.yaml");
        File.WriteAllText(yaml, File.ReadAllText(yaml).Replace("id: fa830-minimed-dk", "id: fa831-minimed-dk", StringComparison.Ordinal));

        var send = CliRunner.Run(dir.Path, "send", "--unapproved", notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");

        Assert.True(send.ExitCode == 2, send.All);
        Assert.Equal("0", LedgerForgery.Sqlite(dir.File("s.db"), "SELECT COUNT(*) FROM campaigns WHERE CampaignId = 'fa831-minimed-dk';"));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out", "fa831-minimed-dk", "letters")));
        var verify = Verify(dir, Keyed);
        Assert.True(verify.ExitCode == 0, verify.All);
    }

    [Fact]
    public void The_key_never_enters_the_store_the_reports_or_the_output()
    {
        using var dir = stores.Copy(keyed: true);
        var output = new List<string>(stores.KeyedOutput)
        {
            CliRunner.Run(dir.Path, Keyed, "status", SentStoresFixture.Campaign, "--db", "s.db").All,
            CliRunner.Run(dir.Path, Keyed, "report", SentStoresFixture.Campaign, "--db", "s.db", "--out", "out").All,
            Verify(dir, Keyed).All,
            Verify(dir, null).All,
            Verify(dir, SentStoresFixture.WithKey("another-key-of-enough-length-0123456789")).All,
        };

        var keyId = LedgerForgery.Sqlite(dir.File("s.db"), "SELECT KeyId FROM ledger_head;");
        Assert.Equal(LedgerKey.FromSecret(SentStoresFixture.Key).KeyId, keyId);
        Assert.Matches("^[0-9a-f]{16}$", keyId);
        Assert.Contains(keyId, File.ReadAllText(Path.Combine(dir.Path, "out", SentStoresFixture.Campaign, "report-ledger.csv")), StringComparison.Ordinal);

        var key = Encoding.UTF8.GetBytes(SentStoresFixture.Key);
        var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "s.db");
        foreach (var file in files)
        {
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(key) >= 0, "the key is in " + file);
        }

        Assert.All(output, o => Assert.DoesNotContain(SentStoresFixture.Key, o, StringComparison.Ordinal));
    }

    private static CliRunner.Result Verify(TempDirectory dir, Dictionary<string, string>? environment, params string[] extra) =>
        CliRunner.Run(dir.Path, environment, ["verify", "--db", "s.db", .. extra]);

    /// <summary>The head as status prints it (seq:hash).</summary>
    private static string HeadFromStatus(TempDirectory dir, Dictionary<string, string>? environment)
    {
        var status = CliRunner.Run(dir.Path, environment, "status", SentStoresFixture.Campaign, "--db", "s.db");
        Assert.True(status.ExitCode == 0, status.All);
        var match = HeadLine().Match(status.StdOut);
        Assert.True(match.Success, status.StdOut);
        var rows = Regex.Match(status.StdOut, @"Ledger rows: (\d+)", RegexOptions.CultureInvariant);
        Assert.Equal(match.Groups[1].Value, rows.Groups[1].Value);
        return match.Groups[1].Value + ":" + match.Groups[2].Value;
    }

    /// <summary>The ledger grows as it does after a send: the real writer appends one more event.</summary>
    private static void Grow(TempDirectory dir, LedgerKey? key)
    {
        using var db = StoreSchema.Open(dir.File("s.db"));
        using var writer = new LedgerWriter(db, null, key);
        writer.Append(SentStoresFixture.Campaign, "FA830-DK-000001", "P0001", new Acknowledged(new DateOnly(2026, 12, 1), AckMethod.Post, AckSource.Manual, DateTimeOffset.UnixEpoch.ToString("O", CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex(@"Ledger head: (\d+):([0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex HeadLine();
}
