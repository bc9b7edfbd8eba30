using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Ledger;
using Notices.Model;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>The writer's prepared statements live as long as its connection: other writers, tampering, old schemas.</summary>
public sealed class LedgerWriterStatementsTests
{
    private static readonly LedgerKey Key = LedgerKey.FromSecret("unit-test-ledger-key-0123456789abcdef");

    private static LetterEvent Event(string tag, int i) =>
        new("FA830", tag + "-" + i.ToString("D5", CultureInfo.InvariantCulture), "P" + tag,
            new EmailWritten("<" + tag + i.ToString(CultureInfo.InvariantCulture) + "@example.com>", "x.eml", "abc"));

    private static long Rows(LedgerTestStore store) =>
        Convert.ToInt64(store.Scalar("SELECT COUNT(*) FROM ledger"), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_writers_on_one_store_file_appending_at_once_make_one_contiguous_chain(bool keyed)
    {
        using var store = new LedgerTestStore();
        using var otherDb = StoreSchema.OpenExisting(store.DbPath);
        const int perThread = 150;
        var key = keyed ? Key : null;
        using (var first = new LedgerWriter(store.Db, null, key))
        using (var second = new LedgerWriter(otherDb, null, key))
        {
            var writers = new[] { first, second };
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    // Durable appends: one short batch each, so the two writers' transactions interleave.
                    writers[t % 2].AppendDurably(Event("T" + t.ToString(CultureInfo.InvariantCulture), i));
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        var result = LedgerVerifier.Verify(store.Db, key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(4 * perThread, result.RowCount);
        Assert.Equal((long)(4 * perThread), store.Scalar("SELECT MAX(Seq) FROM ledger"));
        Assert.Equal((long)(4 * perThread), store.Scalar("SELECT Seq FROM ledger_head WHERE Id = 1"));
    }

    [Fact]
    public void A_keyed_head_tampered_while_the_writer_is_open_refuses_the_next_batch_and_writes_nothing()
    {
        using var store = new LedgerTestStore();
        var writer = new LedgerWriter(store.Db, null, Key);
        try
        {
            writer.AppendDurably(Event("A", 1));
            writer.AppendDurably(Event("A", 2));
            store.Execute("DELETE FROM ledger WHERE Seq = 2; UPDATE ledger_head SET Seq = 1, Hash = (SELECT Hash FROM ledger WHERE Seq = 1);");

            var refused = Assert.Throws<InvalidOperationException>(() => writer.AppendDurably(Event("A", 3)));
            Assert.Contains("head does not verify", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1L, Rows(store));
        }
        finally
        {
            // The refused entry stays queued, so the final flush refuses it again.
            Assert.ThrowsAny<InvalidOperationException>(writer.Dispose);
        }

        Assert.Equal(1L, Rows(store));
    }

    [Fact]
    public void A_store_whose_head_table_lacks_the_key_columns_gets_them_and_takes_keyed_rows()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db, null, null))
        {
            writer.AppendDurably([Event("A", 1), Event("A", 2)]);
        }

        store.Execute(
            "CREATE TABLE old_head AS SELECT Id, Seq, Hash FROM ledger_head; DROP TABLE ledger_head; " +
            "CREATE TABLE ledger_head (Id INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1), Seq INTEGER NOT NULL, Hash TEXT NOT NULL); " +
            "INSERT INTO ledger_head SELECT * FROM old_head; DROP TABLE old_head;");
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM pragma_table_info('ledger_head') WHERE name = 'Mac'"));

        using (var writer = new LedgerWriter(store.Db, null, Key))
        {
            writer.AppendDurably([Event("B", 1), Event("B", 2)]);
            writer.AppendDurably(Event("B", 3));
        }

        var result = LedgerVerifier.Verify(store.Db, Key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(5, result.RowCount);
        Assert.Equal(3L, result.KeyedFrom);
    }

    [Fact]
    public void A_failed_batch_rolls_back_and_the_same_statements_write_the_retry()
    {
        using var store = new LedgerTestStore();
        using var writer = new LedgerWriter(store.Db, null, Key);
        writer.AppendDurably(Event("A", 1));
        store.Execute("CREATE TRIGGER refuse BEFORE INSERT ON ledger WHEN NEW.Seq = 3 BEGIN SELECT RAISE(ABORT, 'refused'); END;");

        // Seq 2 goes in, Seq 3 fails: the whole batch is rolled back.
        Assert.Throws<InvalidOperationException>(() => writer.AppendDurably([Event("A", 2), Event("A", 3)]));
        Assert.Equal(1L, Rows(store));
        Assert.Equal(1L, store.Scalar("SELECT Seq FROM ledger_head WHERE Id = 1"));

        store.Execute("DROP TRIGGER refuse;");
        writer.Flush();
        writer.AppendDurably(Event("A", 4));

        var result = LedgerVerifier.Verify(store.Db, Key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(4, result.RowCount);
    }

    [Fact]
    public void A_private_memory_store_shares_the_context_connection_across_writers_and_context_use()
    {
        var options = new DbContextOptionsBuilder<NoticesDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new NoticesDbContext(options);
        db.Database.OpenConnection();
        db.Database.EnsureCreated();

        using (var writer = new LedgerWriter(db, null, Key))
        {
            writer.AppendDurably([Event("A", 1), Event("A", 2)]);
            // The context reads on the same connection between batches.
            Assert.Equal(2, db.Ledger.AsNoTracking().Count());
            writer.AppendDurably(Event("A", 3));
        }

        using (var writer = new LedgerWriter(db, null, Key))
        {
            writer.AppendDurably(Event("B", 1));
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        var result = LedgerVerifier.Verify(db, Key);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(4, result.RowCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_keyed_ledger_whose_head_row_was_deleted_is_refused_before_anything_is_written(bool withKey)
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db, null, Key))
        {
            writer.AppendDurably([Event("A", 1), Event("A", 2), Event("A", 3)]);
        }

        store.Execute("DELETE FROM ledger WHERE Seq = 3; DELETE FROM ledger_head;");

        // With the key it would be re-keyed from Seq 3 over the cut; without, it would go on in plain SHA-256.
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => new LedgerWriter(store.Db, null, withKey ? Key : null).Dispose());
        Assert.Contains("no recorded head", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2L, Rows(store));
        Assert.Equal(0L, store.Scalar("SELECT COUNT(*) FROM ledger_head"));
    }
}
