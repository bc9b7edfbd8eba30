using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Ledger;
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
        var channel = await Run(new PrintBatchOptions { OutputDirectory = _print, BatchSize = 4 }, letters);

        Assert.Equal(["batch-0001.pdf", "batch-0002.pdf"], channel.WrittenBatches);
        var batch1 = Path.Combine(_print, "batch-0001.pdf");
        // Letters 1-4 padded to even: 4 + 2 + 2 + 2.
        Assert.Equal(10, Poppler.PageCount(batch1));
        Assert.Equal(2, Poppler.PageCount(Path.Combine(_print, "batch-0002.pdf")));

        // Order in batch 1: DK 1050 (4), DK 2100 (2), DK 8000 (1), SE 0555 (3); the pad page takes the letter's size.
        var widths = Poppler.PageWidths(batch1);
        Assert.Equal(new double[] { 504, 504, 502, 502, 501, 501, 501, 501, 503, 503 }, widths);

        var lines = ManifestLines(_print);
        Assert.Equal("batch;position;letter_id;patient_id;pages;first_page;postal_code;country;pdf_sha256;blank_pages", string.Join(';', lines[0]));
        Assert.Equal(6, lines.Count);
        Assert.Equal(["batch-0001.pdf", "1", "FA830-DK-000004", "'=P4", "1", "1", "1050", "DK", letters[3].PdfSha256, "1"], lines[1]);
        Assert.Equal(["batch-0001.pdf", "2", "FA830-DK-000002", "'=P2", "2", "3", "2100", "DK", letters[1].PdfSha256, "0"], lines[2]);
        Assert.Equal(["batch-0001.pdf", "3", "FA830-DK-000001", "'=P1", "3", "5", "8000", "DK", letters[0].PdfSha256, "1"], lines[3]);
        Assert.Equal(["batch-0001.pdf", "4", "FA830-DK-000003", "'=P3", "1", "9", "0555", "SE", letters[2].PdfSha256, "1"], lines[4]);
        Assert.Equal(["batch-0002.pdf", "1", "FA830-DK-000005", "'=P5", "2", "1", "9000", "DK", letters[4].PdfSha256, "0"], lines[5]);
        Assert.DoesNotContain("Østergård", File.ReadAllText(Path.Combine(_print, "manifest.csv")), StringComparison.Ordinal);

        var events = _store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("PrintBatched", e.Kind));
        var detail = LedgerDetail.Parse(events.Single(e => e.LetterId == "FA830-DK-000001").Detail);
        Assert.Equal("batch-0001.pdf", detail["batch"]);
        Assert.Equal("3", detail["position"]);
        Assert.Equal("5", detail["first_page"]);
        Assert.False(detail.ContainsKey("reused"));
        Assert.Empty(Directory.GetFiles(_print, "*.tmp"));
    }

    [Fact]
    public async Task A_second_run_continues_numbering_and_leaves_earlier_batches_alone()
    {
        var options = new PrintBatchOptions { OutputDirectory = _print };
        await Run(options, Letter(1, 2, "8000"), Letter(2, 1, "2100"));
        var batch1 = Path.Combine(_print, "batch-0001.pdf");
        var before = SHA256.HashData(File.ReadAllBytes(batch1));

        var second = await Run(options, Letter(3, 3, "5000"));

        Assert.Equal(["batch-0002.pdf"], second.WrittenBatches);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(batch1)));
        Assert.Equal(4, Poppler.PageCount(Path.Combine(_print, "batch-0002.pdf")));
        var lines = ManifestLines(_print);
        Assert.Equal(4, lines.Count);
        Assert.Equal("batch-0002.pdf", lines[3][0]);
        Assert.Equal(3, _store.Db.Ledger.Count());
    }

    [Fact]
    public async Task A_letter_already_in_a_batch_is_not_printed_twice()
    {
        var options = new PrintBatchOptions { OutputDirectory = _print };
        var letter = Letter(1, 2, "8000");
        await Run(options, letter, Letter(2, 2, "8200"));

        // A restarted run hands the same letter (same PDF) to the channel again.
        var rerun = await Run(options, letter);

        Assert.Empty(rerun.WrittenBatches);
        Assert.False(File.Exists(Path.Combine(_print, "batch-0002.pdf")));
        var events = _store.Db.Ledger.AsNoTracking().Where(e => e.LetterId == letter.LetterId).OrderBy(e => e.Seq).ToList();
        Assert.Equal(2, events.Count);
        var reused = LedgerDetail.Parse(events[1].Detail);
        Assert.Equal("true", reused["reused"]);
        Assert.Equal("batch-0001.pdf", reused["batch"]);
        Assert.Equal("1", reused["first_page"]);

        // With reuse off it is printed again, into a new batch.
        var again = await Run(options with { ReuseBatchedLetters = false }, letter);
        Assert.Equal(["batch-0002.pdf"], again.WrittenBatches);
    }

    [Fact]
    public async Task An_unreadable_letter_is_left_out_and_reported_while_the_rest_is_batched()
    {
        var good = Letter(1, 2, "8000");
        var brokenPath = Path.Combine(_letters, "broken.pdf");
        await File.WriteAllTextAsync(brokenPath, "%PDF-1.7 this is not a pdf");
        var broken = Letter(2, 1, "2100") with { PdfPath = brokenPath, PdfSha256 = "" };

        using var writer = new LedgerWriter(_store.Db);
        await using var channel = new PrintBatchChannel(new PrintBatchOptions { OutputDirectory = _print }, new LedgerDeliveryLog(writer));
        await channel.DeliverAsync(good, CancellationToken.None);
        await channel.DeliverAsync(broken, CancellationToken.None);
        var error = await Assert.ThrowsAsync<PrintBatchException>(() => channel.CompleteAsync(CancellationToken.None));

        Assert.Equal(["FA830-DK-000002"], error.Failures.Keys);
        Assert.Equal(2, Poppler.PageCount(Path.Combine(_print, "batch-0001.pdf")));
        writer.Flush();
        var logged = Assert.Single(_store.Db.Ledger.AsNoTracking().ToList());
        Assert.Equal(good.LetterId, logged.LetterId);
    }

    [Fact]
    public async Task Missing_pdf_is_rejected_at_delivery()
    {
        using var writer = new LedgerWriter(_store.Db);
        await using var channel = new PrintBatchChannel(new PrintBatchOptions { OutputDirectory = _print }, new LedgerDeliveryLog(writer));
        var letter = Letter(1, 1, "8000") with { PdfPath = Path.Combine(_letters, "missing.pdf") };
        await Assert.ThrowsAsync<FileNotFoundException>(() => channel.DeliverAsync(letter, CancellationToken.None));
        Assert.Equal(1, PrintBatchChannel.NextBatchNumber(_print));
    }
}
