using System.Diagnostics;
using System.Globalization;
using Notices.Model;
using Notices.Ledger;
using Xunit;

namespace Notices.Tests.Ledger;

public sealed class LedgerVerifierTests
{
    private static LedgerTestStore StoreWithRows(int count)
    {
        var store = new LedgerTestStore();
        using var writer = new LedgerWriter(store.Db);
        for (var i = 1; i <= count; i++)
        {
            writer.Append("FA830", "FA830-DK-" + i.ToString("D6", CultureInfo.InvariantCulture), "P" + i.ToString(CultureInfo.InvariantCulture),
                new EmailWritten("<" + i.ToString(CultureInfo.InvariantCulture) + "@example.com>", i.ToString(CultureInfo.InvariantCulture) + ".eml", "abc"));
        }

        return store;
    }

    [Fact]
    public void Untouched_ledger_is_valid()
    {
        using var store = StoreWithRows(8);
        var result = LedgerVerifier.Verify(store.Db);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(8, result.RowCount);
        Assert.Equal(LedgerFault.None, result.Fault);
    }

    [Fact]
    public void Empty_ledger_is_valid()
    {
        using var store = new LedgerTestStore();
        var result = LedgerVerifier.Verify(store.Db);
        Assert.True(result.IsValid);
        Assert.Equal(0, result.RowCount);
    }

    [Fact]
    public void Edited_detail_is_detected_at_its_seq()
    {
        using var store = StoreWithRows(8);
        Assert.Equal(1, store.Execute("UPDATE ledger SET Detail='{}' WHERE Seq=3"));

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadSeq);
        Assert.Equal(LedgerFault.HashMismatch, result.Fault);
        Assert.Contains("seq 3", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE ledger SET PatientId='P999' WHERE Seq=5", LedgerFault.HashMismatch)]
    [InlineData("UPDATE ledger SET Kind='EmailDelivered' WHERE Seq=5", LedgerFault.HashMismatch)]
    [InlineData("UPDATE ledger SET At='2020-01-01 00:00:00+00:00' WHERE Seq=5", LedgerFault.HashMismatch)]
    [InlineData("UPDATE ledger SET LetterId=NULL WHERE Seq=5", LedgerFault.HashMismatch)]
    [InlineData("UPDATE ledger SET PrevHash='" + "1111111111111111111111111111111111111111111111111111111111111111" + "' WHERE Seq=5", LedgerFault.PrevHashMismatch)]
    public void Any_edited_column_is_detected(string sql, LedgerFault fault)
    {
        using var store = StoreWithRows(8);
        Assert.Equal(1, store.Execute(sql));

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBadSeq);
        Assert.Equal(fault, result.Fault);
    }

    [Fact]
    public void Recomputed_hash_of_an_edited_row_breaks_the_next_link()
    {
        using var store = StoreWithRows(8);
        var row = store.Db.Ledger.Single(e => e.Seq == 4);
        row.Detail = "{}";
        var forged = LedgerHasher.Compute(row);
        store.Execute($"UPDATE ledger SET Detail='{{}}', Hash='{forged}' WHERE Seq=4");

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBadSeq);
        Assert.Equal(LedgerFault.PrevHashMismatch, result.Fault);
    }

    [Fact]
    public void Deleted_middle_row_is_detected_as_a_gap()
    {
        using var store = StoreWithRows(8);
        Assert.Equal(1, store.Execute("DELETE FROM ledger WHERE Seq=5"));

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(5, result.FirstBadSeq);
        Assert.Equal(LedgerFault.SeqGap, result.Fault);
        Assert.Equal(4, result.RowCount);
    }

    [Fact]
    public void Deleted_first_row_is_detected()
    {
        using var store = StoreWithRows(3);
        store.Execute("DELETE FROM ledger WHERE Seq=1");

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(1, result.FirstBadSeq);
        Assert.Equal(LedgerFault.SeqGap, result.Fault);
    }

    [Fact]
    public void Deleted_last_row_is_detected_through_the_head()
    {
        using var store = StoreWithRows(8);
        Assert.Equal(1, store.Execute("DELETE FROM ledger WHERE Seq=8"));

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(8, result.FirstBadSeq);
        Assert.Equal(LedgerFault.HeadMismatch, result.Fault);
    }

    [Fact]
    public void Deleted_head_is_detected()
    {
        using var store = StoreWithRows(3);
        store.Execute("DELETE FROM ledger_head");

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(LedgerFault.HeadMissing, result.Fault);
    }

    [Fact]
    public void Appending_after_a_cut_tail_keeps_the_gap_visible()
    {
        using var store = StoreWithRows(4);
        store.Execute("DELETE FROM ledger WHERE Seq=4");
        using (var writer = new LedgerWriter(store.Db))
        {
            writer.Append("FA830", "FA830-DK-000009", "P9", new Acknowledged(new DateOnly(2026, 12, 1), AckMethod.Post, AckSource.Manual));
        }

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Equal(LedgerFault.SeqGap, result.Fault);
    }

    [Fact]
    public void Edit_made_with_the_sqlite3_tool_is_detected()
    {
        if (!File.Exists("/usr/bin/sqlite3"))
        {
            return;
        }

        using var store = StoreWithRows(6);
        var psi = new ProcessStartInfo("/usr/bin/sqlite3", [store.DbPath, "UPDATE ledger SET Detail='{\"file\":\"x.eml\"}' WHERE Seq=2;"])
        {
            RedirectStandardError = true,
        };
        using (var process = Process.Start(psi)!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstBadSeq);
    }
}
