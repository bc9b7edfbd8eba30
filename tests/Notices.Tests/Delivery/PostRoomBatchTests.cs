using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Model;
using Notices.Runs;
using Notices.Tests.Ledger;
using Xunit;

namespace Notices.Tests.Delivery;

/// <summary>What the post room gets: order, large-print batches, envelope capacity, manifest columns, summaries.</summary>
public sealed class PostRoomBatchTests : IDisposable
{
    private readonly LedgerTestStore _store = new();
    private readonly string _print;
    private readonly string _letters;

    public PostRoomBatchTests()
    {
        _print = Path.Combine(_store.Directory, "out", "FA830", "print");
        _letters = Path.Combine(_store.Directory, "letters");
        Directory.CreateDirectory(_letters);
    }

    public void Dispose() => _store.Dispose();

    private OutgoingLetter Letter(int n, int pages, string? postalCode, string country = "DK", bool largePrint = false, string? city = "Aarhus C")
    {
        var id = "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture);
        var (path, sha) = TestPdfs.Create(Path.Combine(_letters, id + ".pdf"), pages, 500 + n);
        return new OutgoingLetter
        {
            LetterId = id,
            CampaignId = "FA830",
            PatientId = "P" + n.ToString(CultureInfo.InvariantCulture),
            Channel = DeliveryChannelKind.Post,
            PdfPath = path,
            PdfSha256 = sha,
            PageCount = pages,
            RecipientName = "Hanne Østergård",
            PostalCode = postalCode,
            City = city,
            Country = country,
            LargePrint = largePrint,
        };
    }

    private PrintBatchOptions Options(int batchSize = 500, Envelope? envelope = null) => new()
    {
        OutputDirectory = _print,
        CampaignId = "FA830",
        BatchSize = batchSize,
        SealedBatches = SealedBatches.Read(_store.Db, "FA830"),
        Envelope = envelope ?? Envelope.Default,
    };

    private async Task<PrintBatchChannel> Run(PrintBatchOptions options, IDeliveryLog? log, params OutgoingLetter[] letters)
    {
        using var writer = new LedgerWriter(_store.Db);
        var channel = new PrintBatchChannel(options, log ?? new LedgerDeliveryLog(writer));
        await using (channel)
        {
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, CancellationToken.None);
            }

            await channel.CompleteAsync(CancellationToken.None);
        }

        return channel;
    }

    private Task<PrintBatchChannel> Run(params OutgoingLetter[] letters) => Run(Options(), null, letters);

    [Fact]
    public async Task Denmark_comes_first_then_country_code_then_postal_code_then_letter_id()
    {
        var channel = await Run(
            Letter(1, 1, "8000"),
            Letter(2, 1, "10115", "DE"),
            Letter(3, 1, "2100"),
            Letter(4, 1, "0150", "NO"),
            Letter(5, 1, null),
            Letter(6, 1, "2100"),
            Letter(7, 1, "1050", "dk"));

        Assert.Equal(["batch-0001.pdf"], channel.WrittenBatches);
        var rows = PrintManifest.Read(_print);
        // DK (any case) first, a DK letter without postal code last among them; DE before NO; equal codes by letter id.
        Assert.Equal(
            ["FA830-DK-000007", "FA830-DK-000003", "FA830-DK-000006", "FA830-DK-000001", "FA830-DK-000005", "FA830-DK-000002", "FA830-DK-000004"],
            rows.Select(r => r.LetterId));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Large_print_letters_go_in_batches_of_their_own_numbered_with_the_rest()
    {
        var channel = await Run(Options(batchSize: 2), null,
            Letter(1, 1, "8000"),
            Letter(2, 2, "2100", largePrint: true),
            Letter(3, 1, "5000"),
            Letter(4, 3, "1050", largePrint: true),
            Letter(5, 1, "9000"));

        // batch 1 fills with two regular letters, batch 2 with the two large-print ones; the last regular letter closes batch 3.
        Assert.Equal(["batch-0001.pdf", "batch-0002-large.pdf", "batch-0003.pdf"], channel.WrittenBatches);
        Assert.Equal(2 + 4, Poppler.PageCount(Path.Combine(_print, "batch-0002-large.pdf")));
        var rows = PrintManifest.Read(_print);
        var large = rows.Where(r => r.Batch == "batch-0002-large.pdf").ToList();
        Assert.Equal(["FA830-DK-000004", "FA830-DK-000002"], large.Select(r => r.LetterId));
        Assert.All(large, r => Assert.True(r.LargePrint));
        Assert.All(rows.Where(r => r.Batch != "batch-0002-large.pdf"), r => Assert.False(r.LargePrint));
        Assert.Contains("Storskrift:      ja", await File.ReadAllTextAsync(Path.Combine(_print, "batch-0002-large.summary.txt")), StringComparison.Ordinal);

        // The next run counts past the large-print batch: a batch number names one batch.
        var next = await Run(Letter(6, 1, "7000", largePrint: true));
        Assert.Equal(["batch-0004-large.pdf"], next.WrittenBatches);
        Assert.True(PrintBatchFolder.TryParseNumber("batch-0004-large.pdf", out var number));
        Assert.Equal(4, number);
        var seals = _store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.BatchSealed).AsEnumerable()
            .Select(e => ((BatchSealed)e.ReadEvent()).Batch).ToList();
        Assert.Equal(["batch-0001.pdf", "batch-0002-large.pdf", "batch-0003.pdf", "batch-0004-large.pdf"], seals);
    }

    [Fact]
    public async Task A_letter_over_the_envelope_capacity_is_flagged_in_the_manifest_and_the_summary()
    {
        var envelope = new Envelope("C65", 2);
        await Run(Options(envelope: envelope), null,
            Letter(1, 4, "8000"),  // 4 pages: 2 sheets, fits
            Letter(2, 5, "2100"),  // 5 pages + pad: 3 sheets, over
            Letter(3, 1, "5000")); // 1 page + pad: 1 sheet

        var rows = PrintManifest.Read(_print).ToDictionary(r => r.LetterId, StringComparer.Ordinal);
        Assert.Equal((2, false), (rows["FA830-DK-000001"].Sheets, rows["FA830-DK-000001"].OverCapacity));
        Assert.Equal((3, true, 1, 6), (rows["FA830-DK-000002"].Sheets, rows["FA830-DK-000002"].OverCapacity,
            rows["FA830-DK-000002"].BlankPages, rows["FA830-DK-000002"].LastPage));
        Assert.Equal((1, false), (rows["FA830-DK-000003"].Sheets, rows["FA830-DK-000003"].OverCapacity));

        var summary = await File.ReadAllTextAsync(Path.Combine(_print, "batch-0001.summary.txt"));
        Assert.Contains("Kuvert:          C65, højst 2 ark", summary, StringComparison.Ordinal);
        Assert.Contains("Kuverter C65:    2", summary, StringComparison.Ordinal);
        Assert.Contains("Over kapacitet:  1 brev", summary, StringComparison.Ordinal);
        Assert.Contains("nr. 1: FA830-DK-000002, 3 ark, side 1-6", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_names_campaign_counts_and_the_batch_sha_and_holds_no_names()
    {
        await Run(Letter(1, 3, "8000"), Letter(2, 2, "2100"));

        var path = Path.Combine(_print, "batch-0001.summary.txt");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var seal = (BatchSealed)_store.Db.Ledger.AsNoTracking().Single(e => e.Kind == LedgerEventKind.BatchSealed).ReadEvent();
        Assert.Equal(PrintBatchFolder.Sha256(Path.Combine(_print, "batch-0001.pdf")), seal.Sha256);
        Assert.Contains("Kampagne:        FA830", text, StringComparison.Ordinal);
        Assert.Contains("Breve:           2", text, StringComparison.Ordinal);
        Assert.Contains("Sider:           6 (heraf blanke: 1)", text, StringComparison.Ordinal);
        Assert.Contains("Ark (duplex):    3", text, StringComparison.Ordinal);
        Assert.Contains("  " + seal.Sha256 + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Underskrift:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Østergård", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Aarhus", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_summary_is_visible_for_a_batch_whose_run_died_before_the_seal()
    {
        using (var writer = new LedgerWriter(_store.Db))
        {
            var channel = new PrintBatchChannel(Options(), new DiesBeforeIntent());
            await channel.DeliverAsync(Letter(1, 2, "8000"), CancellationToken.None);
            await Assert.ThrowsAsync<ProcessKilledException>(() => channel.CompleteAsync(CancellationToken.None));
        }

        Assert.Empty(Directory.GetFiles(_print, "*.summary.txt"));
        Assert.True(File.Exists(Path.Combine(_print, ".staging", "batch-0001.summary.txt")));

        var resumed = await Run(Letter(1, 2, "8000"));

        // Nothing was sealed, so the staged summary went with its batch; the letter is batched again, with its own.
        Assert.Equal(["batch-0001.pdf"], resumed.WrittenBatches);
        Assert.Equal(["batch-0001.summary.txt"], Directory.GetFiles(_print, "*.summary.txt").Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(Path.Combine(_print, ".staging")));
    }

    [Fact]
    public async Task A_run_killed_right_after_the_seal_has_its_summary_moved_into_view_on_resume()
    {
        using (var writer = new LedgerWriter(_store.Db))
        {
            var channel = new PrintBatchChannel(Options(), new DiesAfterIntent(new LedgerDeliveryLog(writer)));
            await channel.DeliverAsync(Letter(1, 2, "8000"), CancellationToken.None);
            await Assert.ThrowsAsync<ProcessKilledException>(() => channel.CompleteAsync(CancellationToken.None));
        }

        Assert.False(File.Exists(Path.Combine(_print, "batch-0001.summary.txt")));

        var resumed = await Run();

        Assert.Empty(resumed.WrittenBatches);
        var summary = await File.ReadAllTextAsync(Path.Combine(_print, "batch-0001.summary.txt"));
        Assert.Contains(PrintBatchFolder.Sha256(Path.Combine(_print, "batch-0001.pdf")), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_lying_about_without_a_sealed_batch_is_set_aside_and_a_missing_one_is_made_again()
    {
        await Run(Letter(1, 2, "8000"));
        var sealedSummary = Path.Combine(_print, "batch-0001.summary.txt");
        var expected = await File.ReadAllTextAsync(sealedSummary);
        File.Delete(sealedSummary);
        await File.WriteAllTextAsync(Path.Combine(_print, "batch-0007.summary.txt"), "not sealed");

        await Run();

        Assert.Equal(expected, await File.ReadAllTextAsync(sealedSummary));
        Assert.False(File.Exists(Path.Combine(_print, "batch-0007.summary.txt")));
        Assert.True(File.Exists(Path.Combine(_print, "batch-0007.summary.txt.unsealed")));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x.test\";\"klik\")")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@x")]
    [InlineData("Aarhus; C")]
    [InlineData("\"quoted\" by")]
    [InlineData("Line\r\nbreak")]
    public async Task A_hostile_city_or_postal_code_is_escaped_and_reads_back_whole(string hostile)
    {
        await Run(Letter(1, 1, hostile, city: hostile), Letter(2, 1, "2100"));

        var path = Path.Combine(_print, PrintManifest.FileName);
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.DoesNotContain(";" + hostile, text, StringComparison.Ordinal);

        // A spreadsheet-like reader (CsvHelper) sees two records of the full width, the formula defused.
        using (var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ';' }))
        {
            var records = 0;
            while (reader.Read())
            {
                records++;
                Assert.Equal(PrintManifest.Header.Count, reader.FieldCount);
                var city = reader.GetString(PrintManifest.Header.ToList().IndexOf("city"));
                if (city != "Aarhus C" && hostile[0] is '=' or '+' or '-' or '@')
                {
                    Assert.Equal("'" + hostile, city);
                }
            }

            Assert.Equal(2, records);
        }

        var row = PrintManifest.Read(_print).Single(r => r.LetterId == "FA830-DK-000001");
        Assert.Equal((hostile, hostile), (row.City, row.PostalCode));
    }

    [Fact]
    public void A_rows_file_in_the_old_layout_still_reads_by_column_name()
    {
        var path = Path.Combine(_store.Directory, "old.csv");
        File.WriteAllText(path,
            "batch;position;letter_id;patient_id;pages;first_page;postal_code;country;pdf_sha256;blank_pages\r\n"
            + "batch-0001.pdf;2;FA830-DK-000004;'=P4;3;5;8000;DK;ab12;1\r\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var row = Assert.Single(PrintManifest.ReadFile(path));

        Assert.Equal(new PrintManifestRow("batch-0001.pdf", 2, "FA830-DK-000004", "=P4", 3, 1, 2, 5, "8000", null, "DK", false, false, "ab12"), row);
        Assert.Equal(8, row.LastPage);
    }

    private sealed class ProcessKilledException : Exception
    {
    }

    /// <summary>Dies before the seal reaches the ledger: SIGKILL while the batch is still only in staging.</summary>
    private sealed class DiesBeforeIntent : IDeliveryLog
    {
        public void Record(LetterEvent letterEvent)
        {
        }

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents) => throw new ProcessKilledException();
    }

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
