using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Model;
using Notices.Runs;
using Notices.Tests.Ledger;
using Xunit;

namespace Notices.Tests.Delivery;

public sealed class PrintBatchChannelTests : IDisposable
{
    private readonly LedgerTestStore _store = new();
    private readonly string _print;
    private readonly string _letters;

    public PrintBatchChannelTests()
    {
        _print = Path.Combine(_store.Directory, "out", "FA830", "print");
        _letters = Path.Combine(_store.Directory, "letters");
        Directory.CreateDirectory(_letters);
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Letter n has its own page width (500 + n points) so its pages can be found in the batch.</summary>
    private OutgoingLetter Letter(int n, int pages, string? postalCode, string country = "DK")
    {
        var id = "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture);
        var (path, sha) = TestPdfs.Create(Path.Combine(_letters, id + ".pdf"), pages, 500 + n);
        return new OutgoingLetter
        {
            LetterId = id,
            CampaignId = "FA830",
            PatientId = "=P" + n.ToString(CultureInfo.InvariantCulture),
            Channel = DeliveryChannelKind.Post,
            PdfPath = path,
            PdfSha256 = sha,
            PageCount = pages,
            RecipientName = "Hanne Østergård",
            PostalCode = postalCode,
            Country = country,
        };
    }

    /// <summary>Options as a send builds them: the sealed batches come from the ledger.</summary>
    private PrintBatchOptions Options(int batchSize = 500) => new()
    {
        OutputDirectory = _print,
        CampaignId = "FA830",
        BatchSize = batchSize,
        SealedBatches = SealedBatches.Read(_store.Db, "FA830"),
    };

    private async Task<PrintBatchChannel> Run(params OutgoingLetter[] letters) => await Run(Options(), letters);

    private async Task<PrintBatchChannel> Run(PrintBatchOptions options, params OutgoingLetter[] letters)
    {
        using var writer = new LedgerWriter(_store.Db);
        var channel = new PrintBatchChannel(options, new LedgerDeliveryLog(writer));
        await using (channel)
        {
            Assert.Equal(DeliveryChannelKind.Post, channel.Kind);
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, CancellationToken.None);
            }

            await channel.CompleteAsync(CancellationToken.None);
        }

        return channel;
    }

    private static List<string[]> ManifestLines(string dir)
    {
        var bytes = File.ReadAllBytes(Path.Combine(dir, "manifest.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(';'))
            .ToList();
    }

    [Fact]
    public async Task Batches_are_padded_presorted_and_listed_in_the_manifest()
    {
        // Arrival order; within the batch they must come out by country, then postal code.
        var letters = new[]
        {
            Letter(1, 3, "8000"),
            Letter(2, 2, "2100"),
            Letter(3, 1, "0555", "SE"),
            Letter(4, 1, "1050"),
            Letter(5, 2, "9000"),
        };
        var channel = await Run(Options(batchSize: 4), letters);

        Assert.Equal(["batch-0001.pdf", "batch-0002.pdf"], channel.WrittenBatches);
        var batch1 = Path.Combine(_print, "batch-0001.pdf");
        // Letters 1-4 padded to even: 4 + 2 + 2 + 2.
        Assert.Equal(10, Poppler.PageCount(batch1));
        Assert.Equal(2, Poppler.PageCount(Path.Combine(_print, "batch-0002.pdf")));

        // Order in batch 1: DK 1050 (4), DK 2100 (2), DK 8000 (1), SE 0555 (3); the pad page takes the letter's size.
        var widths = Poppler.PageWidths(batch1);
        Assert.Equal(new double[] { 504, 504, 502, 502, 501, 501, 501, 501, 503, 503 }, widths);

        var lines = ManifestLines(_print);
        Assert.Equal(string.Join(';', PrintManifest.Header), string.Join(';', lines[0]));
        Assert.Equal(
            "batch;sequence;letter_id;patient_id;pages;blank_pages;sheets;first_page;last_page;postal_code;city;country;large_print;over_capacity;pdf_sha256",
            string.Join(';', lines[0]));
        Assert.Equal(6, lines.Count);
        // CsvHelper quotes the cell it guards with an apostrophe ("'=P4").
        Assert.Equal(["batch-0001.pdf", "1", "FA830-DK-000004", "\"'=P4\"", "1", "1", "1", "1", "2", "1050", "", "DK", "no", "no", letters[3].PdfSha256], lines[1]);
        Assert.Equal(["batch-0001.pdf", "2", "FA830-DK-000002", "\"'=P2\"", "2", "0", "1", "3", "4", "2100", "", "DK", "no", "no", letters[1].PdfSha256], lines[2]);
        Assert.Equal(["batch-0001.pdf", "3", "FA830-DK-000001", "\"'=P1\"", "3", "1", "2", "5", "8", "8000", "", "DK", "no", "no", letters[0].PdfSha256], lines[3]);
        Assert.Equal(["batch-0001.pdf", "4", "FA830-DK-000003", "\"'=P3\"", "1", "1", "1", "9", "10", "0555", "", "SE", "no", "no", letters[2].PdfSha256], lines[4]);
        Assert.Equal(["batch-0002.pdf", "1", "FA830-DK-000005", "\"'=P5\"", "2", "0", "1", "1", "2", "9000", "", "DK", "no", "no", letters[4].PdfSha256], lines[5]);
        // Read back by column name, the guard comes off again.
        Assert.Equal("=P4", PrintManifest.Read(_print)[0].PatientId);
        Assert.DoesNotContain("Østergård", File.ReadAllText(Path.Combine(_print, "manifest.csv")), StringComparison.Ordinal);

        var events = _store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        Assert.Equal(7, events.Count);
        Assert.Equal(5, events.Count(e => e.Kind == LedgerEventKind.PrintBatched));
        var placed = (PrintBatched)events.Single(e => e.LetterId == "FA830-DK-000001").ReadEvent();
        Assert.Equal(("batch-0001.pdf", 3, 5), (placed.Batch, placed.Position, placed.FirstPage));
        // Each batch is sealed with the SHA-256 of exactly the file the post room sees, after its letters' places.
        var seals = events.Where(e => e.Kind == LedgerEventKind.BatchSealed).Select(e => (BatchSealed)e.ReadEvent()).ToList();
        Assert.Equal(["batch-0001.pdf", "batch-0002.pdf"], seals.Select(b => b.Batch));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(batch1))), seals[0].Sha256);
        Assert.Equal((4, 10), (seals[0].Letters, seals[0].Pages));
        Assert.Empty(Directory.GetFiles(_print, "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_print, ".staging")));
    }

    [Fact]
    public async Task A_second_run_continues_numbering_and_leaves_earlier_batches_alone()
    {
        await Run(Letter(1, 2, "8000"), Letter(2, 1, "2100"));
        var batch1 = Path.Combine(_print, "batch-0001.pdf");
        var before = SHA256.HashData(File.ReadAllBytes(batch1));

        var second = await Run(Letter(3, 3, "5000"));

        Assert.Equal(["batch-0002.pdf"], second.WrittenBatches);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(batch1)));
        Assert.Equal(4, Poppler.PageCount(Path.Combine(_print, "batch-0002.pdf")));
        var lines = ManifestLines(_print);
        Assert.Equal(4, lines.Count);
        Assert.Equal("batch-0002.pdf", lines[3][0]);
        Assert.Equal(5, _store.Db.Ledger.Count());
    }

    [Fact]
    public async Task A_batch_file_a_killed_run_left_unsealed_is_set_aside_and_its_letters_are_batched_again()
    {
        // What a run killed before its seal could leave in the past: a complete-looking batch and a cut manifest.
        Directory.CreateDirectory(_print);
        File.Copy(Letter(1, 2, "8000").PdfPath, Path.Combine(_print, "batch-0001.pdf"));
        await File.WriteAllTextAsync(Path.Combine(_print, "manifest.csv"), "batch;position;letter_id\r\nbatch-0001.pdf;1;FA8");

        var channel = await Run(Letter(1, 2, "8000"), Letter(2, 1, "2100"));

        Assert.Equal(["batch-0002.pdf"], channel.WrittenBatches);
        Assert.False(File.Exists(Path.Combine(_print, "batch-0001.pdf")));
        Assert.True(File.Exists(Path.Combine(_print, "batch-0001.pdf.unsealed")));
        var lines = ManifestLines(_print);
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Skip(1), l => Assert.Equal("batch-0002.pdf", l[0]));
        var discarded = (BatchDiscarded)Assert.Single(_store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.BatchDiscarded)).ReadEvent();
        Assert.Equal(("batch-0001.pdf", "batch-0001.pdf.unsealed"), (discarded.Batch, discarded.MovedTo));
    }

    [Fact]
    public async Task A_run_killed_after_the_seal_has_its_batch_moved_into_view_on_resume_and_never_batched_twice()
    {
        var letters = new[] { Letter(1, 2, "8000"), Letter(2, 1, "2100") };
        using (var writer = new LedgerWriter(_store.Db))
        {
            var dying = new DiesAfterIntent(new LedgerDeliveryLog(writer));
            var channel = new PrintBatchChannel(Options(), dying);
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, CancellationToken.None);
            }

            await Assert.ThrowsAsync<ProcessKilledException>(() => channel.CompleteAsync(CancellationToken.None));
        }

        Assert.False(File.Exists(Path.Combine(_print, "batch-0001.pdf")));
        Assert.True(File.Exists(Path.Combine(_print, ".staging", "batch-0001.pdf")));

        // The next run learns from the ledger that batch-0001 is sealed: it exists, so it is moved into view.
        var resumed = await Run();

        Assert.Empty(resumed.WrittenBatches);
        Assert.Equal(4, Poppler.PageCount(Path.Combine(_print, "batch-0001.pdf")));
        Assert.Equal(3, ManifestLines(_print).Count);
        var projection = LetterStateProjector.Project(_store.Db, "FA830");
        Assert.All(projection.Letters, l => Assert.Equal(LetterDeliveryState.Printed, l.State));
    }

    [Fact]
    public async Task A_sealed_batch_whose_manifest_rows_were_removed_or_edited_stops_the_channel_and_keeps_the_manifest()
    {
        await Run(Letter(1, 2, "8000"), Letter(2, 1, "2100"));
        var manifest = File.ReadAllBytes(Path.Combine(_print, "manifest.csv"));
        var rows = Path.Combine(_print, ".manifest", "batch-0001.csv");
        File.AppendAllText(rows, "batch-0001.pdf;3;FA830-DK-000099;P99;1;0;1;9;9;8000;;DK;no;no;00\r\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Run(Letter(3, 1, "5000")));

        Assert.Contains("batch-0001.csv is missing or changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(manifest, File.ReadAllBytes(Path.Combine(_print, "manifest.csv")));
        Assert.False(File.Exists(Path.Combine(_print, "batch-0002.pdf")));
        File.Delete(rows);
        await Assert.ThrowsAsync<InvalidDataException>(() => Run(Letter(3, 1, "5000")));
    }

    [Fact]
    public async Task An_unreadable_letter_fails_on_its_own_while_the_rest_is_batched()
    {
        var good = Letter(1, 2, "8000");
        var brokenPath = Path.Combine(_letters, "broken.pdf");
        await File.WriteAllTextAsync(brokenPath, "%PDF-1.7 this is not a pdf");
        var broken = Letter(2, 1, "2100") with { PdfPath = brokenPath, PdfSha256 = "" };
        var missing = Letter(3, 1, "2200") with { PdfPath = Path.Combine(_letters, "missing.pdf") };

        var channel = await Run(good, broken, missing);

        Assert.Equal(["batch-0001.pdf"], channel.WrittenBatches);
        Assert.Equal(2, Poppler.PageCount(Path.Combine(_print, "batch-0001.pdf")));
        var failed = _store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.LetterFailed).AsEnumerable()
            .ToDictionary(e => e.LetterId!, e => ((LetterFailed)e.ReadEvent()).Reason);
        Assert.Equal("PDF cannot be imported", failed["FA830-DK-000002"]);
        Assert.Equal("PDF cannot be read", failed["FA830-DK-000003"]);
        var batched = Assert.Single(_store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.PrintBatched));
        Assert.Equal(good.LetterId, batched.LetterId);
    }

    private sealed class ProcessKilledException : Exception
    {
    }

    /// <summary>Commits the intent, then "dies": what SIGKILL right after the seal's commit looks like to the channel.</summary>
    private sealed class DiesAfterIntent(IDeliveryLog inner) : IDeliveryLog
    {
        public void Record(LetterEvent letterEvent) => inner.Record(letterEvent);

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents)
        {
            inner.RecordIntent(letterEvents);
            throw new ProcessKilledException();
        }
    }
}
