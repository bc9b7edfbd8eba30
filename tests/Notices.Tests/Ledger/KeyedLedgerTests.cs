using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Ledger;

public sealed class KeyedLedgerTests
{
    private static readonly LedgerKey Key = LedgerKey.FromSecret("unit-test-ledger-key-0123456789abcdef");
    private static readonly LedgerKey OtherKey = LedgerKey.FromSecret("another-unit-test-key-0123456789abcdef");

    private static void Append(LedgerTestStore store, LedgerKey? key, int count, int from = 1)
    {
        using var writer = new LedgerWriter(store.Db, null, key);
        for (var i = from; i < from + count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            writer.Append("FA830", "FA830-DK-" + i.ToString("D6", CultureInfo.InvariantCulture), "P" + n,
                new EmailWritten("<" + n + "@example.com>", n + ".eml", "abc"));
        }
    }

    [Fact]
    public void Keyed_rows_are_hmacs_and_the_head_records_a_key_id_and_a_mac_but_not_the_key()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 6);

        var rows = store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        Assert.All(rows, r => Assert.NotEqual(LedgerHasher.Compute(r), r.Hash));
        Assert.All(rows, r => Assert.Equal(
            LedgerHasher.Compute(Key, r.PrevHash, r.Seq, r.CampaignId, r.LetterId, r.PatientId, LedgerEventCodec.Name(r.Kind), r.Detail, r.At), r.Hash));
        Assert.Equal(Key.KeyId, store.Scalar("SELECT KeyId FROM ledger_head"));
        Assert.Equal(1L, store.Scalar("SELECT KeyedFrom FROM ledger_head"));
        Assert.Equal(LedgerHasher.HeadMac(Key, 1, 6, rows[^1].Hash), store.Scalar("SELECT Mac FROM ledger_head"));
        Assert.DoesNotContain("unit-test-ledger-key", Key.ToString(), StringComparison.Ordinal);

        var result = LedgerVerifier.Verify(store.Db, Key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Key.KeyId, result.KeyId);
        Assert.Equal(new LedgerHeadPin(6, rows[^1].Hash), result.Head);
    }

    [Fact]
    public void A_keyed_ledger_checked_without_its_key_is_not_valid_but_says_why()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 3);

        var result = LedgerVerifier.Verify(store.Db, null);
        Assert.False(result.IsValid);
        Assert.Equal(LedgerFault.KeyRequired, result.Fault);
        Assert.Equal(3, result.RowCount);
        Assert.Contains("NOTICES_LEDGER_KEY", result.Reason, StringComparison.Ordinal);

        // Structure is still checked without the key.
        store.Execute("DELETE FROM ledger WHERE Seq = 2");
        Assert.Equal(LedgerFault.SeqGap, LedgerVerifier.Verify(store.Db, null).Fault);
    }

    [Fact]
    public void The_wrong_key_fails_at_the_first_row()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 3);

        var result = LedgerVerifier.Verify(store.Db, OtherKey);
        Assert.False(result.IsValid);
        Assert.Equal(LedgerFault.KeyMismatch, result.Fault);
        Assert.Equal(1, result.FirstBadSeq);
    }

    [Fact]
    public void A_keyed_ledger_refuses_a_writer_without_its_key_or_with_another()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 2);

        Assert.Throws<LedgerKeyException>(() => new LedgerWriter(store.Db, null, null));
        var other = Assert.Throws<LedgerKeyException>(() => new LedgerWriter(store.Db, null, OtherKey));
        Assert.Contains(Key.KeyId, other.Message, StringComparison.Ordinal);
        Assert.Equal(2L, store.Scalar("SELECT COUNT(*) FROM ledger"));
    }

    [Fact]
    public void A_ledger_started_without_a_key_is_keyed_from_the_next_seq_and_its_older_rows_stay_protected()
    {
        using var store = new LedgerTestStore();
        Append(store, null, 4);
        Append(store, Key, 3, from: 5);

        Assert.Equal(5L, store.Scalar("SELECT KeyedFrom FROM ledger_head"));
        var result = LedgerVerifier.Verify(store.Db, Key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(5, result.KeyedFrom);

        // Rewriting an older (SHA-256) row and recomputing the SHA-256 links up to the keyed part still breaks it.
        var row = store.Db.Ledger.AsNoTracking().Single(e => e.Seq == 4);
        row.Detail = "{}";
        store.Execute($"UPDATE ledger SET Detail = '{{}}', Hash = '{LedgerHasher.Compute(row)}' WHERE Seq = 4");
        var tampered = LedgerVerifier.Verify(store.Db, Key);
        Assert.False(tampered.IsValid);
        Assert.Equal(5, tampered.FirstBadSeq);
    }

    [Fact]
    public void A_cut_tail_with_a_fixed_head_is_not_re_signed_by_the_next_keyed_write()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 6);
        store.Execute("DELETE FROM ledger WHERE Seq > 4; UPDATE ledger_head SET Seq = 4, Hash = (SELECT Hash FROM ledger WHERE Seq = 4);");

        var refused = Assert.Throws<InvalidOperationException>(() => new LedgerWriter(store.Db, null, Key));
        Assert.Contains("head does not verify", refused.Message, StringComparison.Ordinal);
        var result = LedgerVerifier.Verify(store.Db, Key);
        Assert.Equal(LedgerFault.HeadMismatch, result.Fault);
    }

    [Fact]
    public void An_emptied_ledger_is_not_restarted_over_letters_with_rendered_pdfs()
    {
        using var store = new LedgerTestStore();
        Append(store, Key, 2);
        AddLetter(store.Db, "FA830-DK-000001", pdf: true);
        store.Execute("DELETE FROM ledger; DELETE FROM ledger_head;");

        var refused = Assert.Throws<InvalidOperationException>(() => new LedgerWriter(store.Db, null, Key));
        Assert.Contains("ledger rows were deleted", refused.Message, StringComparison.Ordinal);
        Assert.Equal(LedgerFault.LetterWithoutHistory, LedgerVerifier.Verify(store.Db, Key).Fault);
    }

    [Fact]
    public void A_campaign_without_ledger_rows_and_a_letter_with_a_pdf_but_no_history_fail_verify()
    {
        using var store = new LedgerTestStore();
        Append(store, null, 2);
        store.Db.Campaigns.Add(new CampaignRecord { CampaignId = "FA999", Reference = "FA999", NoticeDirectory = "x" });
        store.Db.SaveChanges();
        var campaign = LedgerVerifier.Verify(store.Db, null);
        Assert.Equal(LedgerFault.CampaignWithoutHistory, campaign.Fault);
        Assert.Contains("campaign FA999", campaign.Reason, StringComparison.Ordinal);

        AddLetter(store.Db, "FA830-DK-000001", pdf: true);  // has history
        AddLetter(store.Db, "FA830-DK-000077", pdf: false); // planned, not rendered: no history needed
        AddLetter(store.Db, "FA830-DK-000078", pdf: true);
        var letter = LedgerVerifier.Verify(store.Db, null);
        Assert.Equal(LedgerFault.LetterWithoutHistory, letter.Fault);
        Assert.Contains("letter FA830-DK-000078 has a rendered PDF but no ledger row:", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expected_head_must_be_in_the_chain_at_its_seq()
    {
        using var store = new LedgerTestStore();
        Append(store, null, 5);
        var pin = LedgerVerifier.Verify(store.Db, null).Head!;
        Append(store, null, 2, from: 6);

        Assert.True(LedgerVerifier.Verify(store.Db, null, pin).IsValid);
        Assert.True(LedgerVerifier.Verify(store.Db, null, pin with { Seq = null }).IsValid);
        Assert.True(LedgerVerifier.Verify(store.Db, null, LedgerHeadPin.Empty).IsValid);
        var misplaced = LedgerVerifier.Verify(store.Db, null, pin with { Seq = 4 });
        Assert.Equal(LedgerFault.ExpectedHeadNotFound, misplaced.Fault);
        var beyond = LedgerVerifier.Verify(store.Db, null, pin with { Seq = 9 });
        Assert.Contains("only 7 rows", beyond.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", 12L)]
    [InlineData(" abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 ", null)]
    public void Head_pins_parse_as_seq_and_hash_or_a_bare_hash(string text, long? seq)
    {
        Assert.True(LedgerHeadPin.TryParse(text, out var pin));
        Assert.Equal(seq, pin.Seq);
        Assert.Equal("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", pin.Hash);
        Assert.False(LedgerHeadPin.TryParse("12:abc", out _));
        Assert.False(LedgerHeadPin.TryParse("", out _));
    }

    [Fact]
    public void A_key_shorter_than_16_bytes_is_refused_without_echoing_it()
    {
        var ex = Assert.Throws<LedgerKeyException>(() => LedgerKey.FromSecret("kort-nøgle"));
        Assert.DoesNotContain("kort-nøgle", ex.Message, StringComparison.Ordinal);
        Assert.Equal(LedgerKey.FromSecret("sixteen-bytes-ok").KeyId, LedgerKey.FromSecret("sixteen-bytes-ok").KeyId);
        Assert.NotEqual(Key.KeyId, OtherKey.KeyId);
    }

    private static void AddLetter(NoticesDbContext db, string letterId, bool pdf)
    {
        db.Letters.Add(new LetterRecord
        {
            LetterId = letterId, CampaignId = "FA830", PatientId = "P-" + letterId, Channel = "Post", SnapshotJson = "{}",
            PdfSha256 = pdf ? new string('a', 64) : null, PdfPath = pdf ? "letters/" + letterId + ".pdf" : null,
        });
        db.SaveChanges();
    }
}
