using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Ledger;
using Xunit;
using Xunit.Abstractions;

namespace Notices.Tests.Ledger;

public sealed class LedgerWriterTests(ITestOutputHelper output)
{
    private const string Campaign = "FA830";

    private static void AppendLetters(LedgerWriter writer, int count, string prefix = "FA830-DK-")
    {
        for (var i = 1; i <= count; i++)
        {
            var id = prefix + i.ToString("D6", CultureInfo.InvariantCulture);
            writer.Append(Campaign, id, "P" + i.ToString(CultureInfo.InvariantCulture), new LetterRendered(new string('a', 64), 3, id + ".pdf", false, "2026-11-21"));
        }
    }

    [Fact]
    public void Written_chain_is_contiguous_linked_and_verifies()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            AppendLetters(writer, 10);
            writer.Append(Campaign, "FA830-DK-000001", "P1", new EmailFailed("ugyldig æøå", "550 5.1.1"));
        }

        var rows = store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        Assert.Equal(11, rows.Count);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.Equal(new string('0', 64), rows[0].PrevHash);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].PrevHash);
        }

        Assert.All(rows, r => Assert.Equal(LedgerHasher.Compute(r), r.Hash));
        Assert.Matches("^[0-9a-f]{64}$", rows[0].Hash);
        // Compact snake_case JSON in the record's field order, Danish letters kept.
        Assert.Equal("{\"reason\":\"ugyldig æøå\",\"status\":\"550 5.1.1\"}", rows[10].Detail);
        Assert.Equal(TimeSpan.Zero, rows[10].At.Offset);

        var result = LedgerVerifier.Verify(store.Db);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(11, result.RowCount);
    }

    [Fact]
    public void A_second_writer_continues_the_chain()
    {
        using var store = new LedgerTestStore();
        using (var writer = new LedgerWriter(store.Db))
        {
            AppendLetters(writer, 5);
        }

        using (var writer = new LedgerWriter(store.Db))
        {
            AppendLetters(writer, 3, "FA830-DK-9");
        }

        var result = LedgerVerifier.Verify(store.Db);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(8, result.RowCount);
        Assert.Equal(8L, store.Scalar("SELECT Seq FROM ledger_head WHERE Id = 1"));
    }

    [Fact]
    public void Background_flush_commits_without_an_explicit_flush()
    {
        using var store = new LedgerTestStore();
        using var writer = new LedgerWriter(store.Db);
        writer.Append(Campaign, "FA830-DK-000001", "P1", new Unreachable("ingen adresse"));

        var deadline = Stopwatch.StartNew();
        long rows = 0;
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            rows = (long)store.Scalar("SELECT COUNT(*) FROM ledger")!;
            if (rows == 1)
            {
                break;
            }

            Thread.Sleep(50);
        }

        Assert.Equal(1, rows);
        Assert.Equal(0, writer.PendingCount);
    }

    [Fact]
    public void Concurrent_appends_from_four_threads_make_one_valid_chain()
    {
        using var store = new LedgerTestStore();
        const int perThread = 750;
        using (var writer = new LedgerWriter(store.Db))
        {
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    writer.Append(Campaign, $"T{t}-{i:D4}", $"P{t}", new EmailWritten(i.ToString(CultureInfo.InvariantCulture), "x.eml", "abc"));
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            writer.Flush();
            Assert.Equal(0, writer.PendingCount);
        }

        var result = LedgerVerifier.Verify(store.Db);
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(4 * perThread, result.RowCount);

        // Each thread's own events keep their order along Seq.
        var rows = store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        foreach (var group in rows.GroupBy(r => r.PatientId))
        {
            var order = group.Select(r => int.Parse(((EmailWritten)r.ReadEvent()).MessageId, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, perThread), order);
        }
    }

    [Fact]
    public void Thirty_thousand_events_are_written_and_verify()
    {
        using var store = new LedgerTestStore();
        var watch = Stopwatch.StartNew();
        using (var writer = new LedgerWriter(store.Db))
        {
            for (var letter = 0; letter < 10_000; letter++)
            {
                var id = "FA830-DK-" + letter.ToString("D6", CultureInfo.InvariantCulture);
                writer.Append(Campaign, id, "P", new LetterRendered("abc", 3, id + ".pdf", false, "2026-11-21"));
                writer.Append(Campaign, id, "P", new EmailWritten("<" + id + "@example.com>", id + ".eml", "abc"));
                writer.Append(Campaign, id, "P", new EmailDelivered("2.0.0", "delivered", id, "f"));
            }

            writer.Flush();
        }

        var written = watch.Elapsed;
        var result = LedgerVerifier.Verify(store.Db);
        output.WriteLine($"30,000 events: append+flush {written.TotalMilliseconds:F0} ms, verify {(watch.Elapsed - written).TotalMilliseconds:F0} ms");
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(30_000, result.RowCount);
    }
}
