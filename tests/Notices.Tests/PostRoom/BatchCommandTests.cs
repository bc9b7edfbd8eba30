using Notices.Model;
using Notices.PostRoom;
using Notices.Store;
using Notices.Tests.Acknowledgements;
using Xunit;

namespace Notices.Tests.PostRoom;

/// <summary><c>notices batch printed|posted</c> on a store made by the real import and send.</summary>
public sealed class BatchCommandTests(AckCliFixture fixture) : IClassFixture<AckCliFixture>, IDisposable
{
    private const string Campaign = PostRoomWorkspace.Campaign;
    private readonly PostRoomWorkspace _w = new(fixture);

    public void Dispose() => _w.Dispose();

    [Fact]
    public void Printed_then_posted_makes_every_letter_of_the_batch_posted()
    {
        var post = _w.PostLetters();
        Assert.Equal(13, post.Count); // the sample's 14 post letters, less the large-print one (a batch of its own)
        var rows = _w.LedgerRows();

        var printed = _w.Cli("batch", "printed", Campaign, "batch-0001.pdf");
        Assert.True(printed.ExitCode == 0, printed.All);
        Assert.All(post, id => Assert.Equal(LetterState.Printed, _w.Letter(id).Stage));

        var posted = _w.Cli("batch", "posted", Campaign, "0001", "--date", PostRoomWorkspace.Today.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(posted.ExitCode == 0, posted.All);
        Assert.Contains("Recorded batch batch-0001.pdf of campaign " + Campaign + " as posted on " + PostRoomWorkspace.Iso(PostRoomWorkspace.Today), posted.StdOut, StringComparison.Ordinal);

        Assert.Equal(rows + 2, _w.LedgerRows());
        var projection = _w.Project();
        Assert.All(post, id => Assert.Equal(LetterState.Posted, projection.Letters.Single(l => l.LetterId == id).Stage));
        Assert.All(post, id => Assert.Equal(PostRoomWorkspace.Today, projection.Letters.Single(l => l.LetterId == id).Timeline.PostedOn));
        // The other campaign's batch of the same name is untouched.
        Assert.All(_w.Project(PostRoomWorkspace.OtherCampaign).Letters.Where(l => l.Batch is not null), l => Assert.Equal(LetterState.Sealed, l.Stage));

        using var store = StoreSchema.OpenExisting(_w.File("s.db"));
        var completed = store.Ledger.Where(e => e.Kind == LedgerEventKind.PrintCompleted).AsEnumerable().Select(e => (PrintCompleted)e.ReadEvent()).Single();
        Assert.Equal((PostingRecorder.OutsideQueue, "batch-0001.pdf"), (completed.Queue, completed.Batch));
        Assert.Equal(0, _w.Cli("verify").ExitCode);

        var status = _w.Cli("status", Campaign);
        Assert.Matches(@"  posted\s*│\s*13\b", status.StdOut);
        Assert.Matches(@"printed, not posted yet\s*│\s*0\b", status.StdOut);
        Assert.Matches(@"by post\s*│\s*14\b", status.StdOut);
    }

    [Fact]
    public void Posted_before_the_batch_is_printed_is_refused_and_names_the_batch()
    {
        var rows = _w.LedgerRows();

        var result = _w.Cli("batch", "posted", Campaign, "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("batch batch-0001.pdf of campaign 'fa830-minimed-dk' is not printed yet", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("notices batch printed fa830-minimed-dk 1", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
        Assert.All(_w.PostLetters(), id => Assert.Equal(LetterState.Sealed, _w.Letter(id).Stage));
    }

    [Fact]
    public void A_submitted_job_without_an_outcome_is_not_printed_yet()
    {
        AppendBatchEvent(new PrintSubmitted("batch-0001.pdf", "pdf", "pdf-7", "fa830 batch 1", "two-sided-long-edge"));
        var rows = _w.LedgerRows();

        var result = _w.Cli("batch", "posted", Campaign, "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("its print job has not completed", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());

        AppendBatchEvent(new PrintCompleted("batch-0001.pdf", "pdf", "pdf-7"));
        Assert.Equal(0, _w.Cli("batch", "posted", Campaign, "1").ExitCode);
        Assert.Equal(2, _w.Cli("batch", "printed", Campaign, "1").ExitCode);
        Assert.All(_w.PostLetters(), id => Assert.Equal(LetterState.Posted, _w.Letter(id).Stage));
    }

    [Theory]
    [InlineData("posted", "nope-campaign", "1", null, "unknown campaign 'nope-campaign'")]
    [InlineData("posted", Campaign, "9", null, "has no sealed batch batch-0009.pdf. Its batches: batch-0001.pdf, batch-0002-large.pdf.")]
    [InlineData("printed", Campaign, "x7", null, "'x7' is not a batch")]
    [InlineData("printed", Campaign, "1", "2031-01-01", "is after today")]
    [InlineData("printed", Campaign, "1", "2020-01-01", "is before batch batch-0001.pdf of campaign 'fa830-minimed-dk' was made")]
    [InlineData("printed", Campaign, "1", "01/02/2026", "--date must be yyyy-mm-dd")]
    [InlineData("printed", Campaign, "1", "2026-02-30", "--date must be yyyy-mm-dd")]
    public void Bad_input_exits_2_names_the_id_and_records_nothing(string what, string campaign, string batch, string? date, string expected)
    {
        var rows = _w.LedgerRows();
        string[] args = date is null ? ["batch", what, campaign, batch] : ["batch", what, campaign, batch, "--date", date];

        var result = _w.Cli(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void Posting_twice_or_printing_a_posted_batch_is_refused()
    {
        _w.PrintAndPost();
        var rows = _w.LedgerRows();

        var again = _w.Cli("batch", "posted", Campaign, "1");
        var printed = _w.Cli("batch", "printed", Campaign, "1");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is already posted (" + PostRoomWorkspace.Iso(PostRoomWorkspace.Today) + ")", again.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, printed.ExitCode);
        Assert.Equal(rows, _w.LedgerRows());
        Assert.Equal(1, _w.Rows(LedgerEventKind.BatchPosted));
    }

    [Fact]
    public void A_posted_date_before_the_batch_was_made_is_refused()
    {
        Assert.Equal(0, _w.Cli("batch", "printed", Campaign, "1").ExitCode);
        var rows = _w.LedgerRows();

        var result = _w.Cli("batch", "posted", Campaign, "1", "--date", PostRoomWorkspace.Iso(PostRoomWorkspace.Today.AddDays(-1)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("posted date", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void A_discarded_batch_cannot_be_posted()
    {
        AppendBatchEvent(new BatchDiscarded("batch-0009.pdf", "print/.discarded/batch-0009.pdf", "killed while writing"));
        var rows = _w.LedgerRows();

        var result = _w.Cli("batch", "printed", Campaign, "9");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no sealed batch batch-0009.pdf", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    [Fact]
    public void On_a_ledger_that_does_not_verify_nothing_is_recorded()
    {
        Assert.Equal(0, _w.Cli("batch", "printed", Campaign, "1").ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_w.File("s.db")};Pooling=False"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE ledger SET Detail = replace(Detail, 'batch-0001', 'batch-0002') WHERE Kind = 'PrintCompleted'";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        var rows = _w.LedgerRows();
        var result = _w.Cli("batch", "posted", Campaign, "2");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not verify", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _w.LedgerRows());
    }

    private void AppendBatchEvent(LedgerEvent ledgerEvent)
    {
        using var store = StoreSchema.OpenExisting(_w.File("s.db"));
        using var ledger = new Notices.Ledger.LedgerWriter(store);
        ledger.AppendDurably(new LetterEvent(Campaign, null, null, ledgerEvent));
    }
}
