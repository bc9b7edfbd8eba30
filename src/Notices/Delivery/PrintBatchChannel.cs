using Notices.Campaigns;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>
/// Post: collects letters (paths only) and writes them as batch PDFs of at most <see cref="PrintBatchOptions.BatchSize"/>
/// letters (batch-0001.pdf, batch-0002.pdf…), each in <see cref="PostRoomOrder"/> (DK first, then country code, postal
/// code, letter id), plus a signed-off summary per batch and manifest.csv. Large-print letters are collected apart and
/// go in batches of their own (batch-NNNN-large.pdf), because they often go to another printer or envelope.
/// <para>
/// A batch exists only once it is sealed. Its PDF and manifest rows are written and fsynced in staging; then one
/// durable ledger commit records every letter's place (<c>PrintBatched</c>) together with the batch's SHA-256
/// (<c>BatchSealed</c>); only then is the file moved into view and manifest.csv rewritten whole. A run killed before
/// the seal leaves nothing visible and its letters are batched again; one killed after it has its batch moved into
/// view on resume (<see cref="PrintBatchFolder.Recover"/>). So no letter is ever in two sealed batches.
/// </para>
/// <para>A letter whose PDF cannot be read or changed since it was made fails on its own (<c>LetterFailed</c>).</para>
/// </summary>
public sealed class PrintBatchChannel : IDeliveryChannel
{
    private readonly PrintBatchOptions _options;
    private readonly IDeliveryLog _log;
    private readonly PrintBatchFolder _folder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<OutgoingLetter> _regular = [];
    private readonly List<OutgoingLetter> _largePrint = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchSealed> _sealed;
    private readonly List<string> _written = [];

    public PrintBatchChannel(PrintBatchOptions options, IDeliveryLog log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _folder = new PrintBatchFolder(options.OutputDirectory);
        _sealed = new Dictionary<string, BatchSealed>(options.SealedBatches, StringComparer.Ordinal);
        foreach (var (batch, movedTo) in _folder.Recover(_sealed))
        {
            _log.Record(new LetterEvent(options.CampaignId, null, null,
                new BatchDiscarded(batch, movedTo, "not sealed: the run that wrote it stopped before recording it")));
        }

        _folder.CheckSealedRows(_sealed);
        WriteMissingSummaries();
        _folder.RewriteManifest(_sealed.Keys);
    }

    public DeliveryChannelKind Kind => DeliveryChannelKind.Post;

    public string OutputDirectory => _folder.Directory;

    /// <summary>Batch file names sealed by this channel, in order.</summary>
    public IReadOnlyList<string> WrittenBatches => _written;

    public async Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_seen.Add(letter.LetterId))
            {
                return;
            }

            var collected = letter.LargePrint ? _largePrint : _regular;
            collected.Add(letter);
            if (collected.Count >= _options.BatchSize)
            {
                WriteCollected(collected, letter.LargePrint);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Seals the partly filled last batch.</summary>
    public async Task<ChannelCompletion> CompleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_regular.Count > 0)
            {
                WriteCollected(_regular, largePrint: false);
            }

            if (_largePrint.Count > 0)
            {
                WriteCollected(_largePrint, largePrint: true);
            }
        }
        finally
        {
            _gate.Release();
        }

        return ChannelCompletion.Done;
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteCollected(List<OutgoingLetter> collected, bool largePrint)
    {
        var letters = PostRoomOrder.Sort(collected);
        collected.Clear();

        var batch = PrintBatchFolder.BatchName(_folder.NextBatchNumber(_sealed.Keys), largePrint);
        var stagedPdf = _folder.StagedPdf(batch);
        var result = PrintBatchWriter.Write(stagedPdf, letters, _options.PadToEvenPages);
        foreach (var (letterId, reason) in result.Failures)
        {
            var letter = letters.First(l => string.Equals(l.LetterId, letterId, StringComparison.Ordinal));
            _log.Record(new LetterEvent(letter.CampaignId, letter.LetterId, letter.PatientId, new LetterFailed("print", reason)));
        }

        if (result.Placed.Count == 0)
        {
            return;
        }

        var rowsOfBatch = result.Placed.Select(p => Row(batch, p, largePrint)).ToList();

        PrintManifest.WriteFile(_folder.StagedRows(batch), rowsOfBatch);
        var sha = PrintBatchFolder.Sha256(stagedPdf);
        PrintBatchSummary.WriteFile(_folder.StagedSummary(batch),
            PrintBatchSummary.Text(_options.CampaignId, batch, sha, _options.Envelope, rowsOfBatch));
        var rowsSha = PrintBatchFolder.Sha256(_folder.StagedRows(batch));
        var events = new List<LetterEvent>(rowsOfBatch.Count + 1);
        foreach (var row in rowsOfBatch)
        {
            events.Add(new LetterEvent(_options.CampaignId, row.LetterId, row.PatientId,
                new PrintBatched(row.Batch, row.Sequence, row.FirstPage, row.Pages, row.PdfSha256, row.BlankPages)));
        }

        var pages = rowsOfBatch.Sum(r => r.Pages + r.BlankPages);
        var seal = new BatchSealed(batch, sha, rowsOfBatch.Count, pages, rowsSha);
        events.Add(new LetterEvent(_options.CampaignId, null, null, seal));

        // The seal is durable before anyone can see the batch; from here on it exists (Recover finishes the moves).
        _log.RecordIntent(events);
        _sealed[batch] = seal;
        File.Move(stagedPdf, _folder.Published(batch));
        File.Move(_folder.StagedRows(batch), _folder.PublishedRows(batch), overwrite: true);
        File.Move(_folder.StagedSummary(batch), _folder.PublishedSummary(batch), overwrite: true);
        _folder.RewriteManifest(_sealed.Keys);
        _written.Add(batch);
    }

    private PrintManifestRow Row(string batch, BatchPlacement placed, bool largePrint)
    {
        var sheets = Envelope.SheetsFor(placed.Pages, placed.BlankPages, _options.Duplex);
        var letter = placed.Letter;
        return new PrintManifestRow(batch, placed.Position, letter.LetterId, letter.PatientId, placed.Pages, placed.BlankPages,
            sheets, placed.FirstPage, letter.PostalCode, letter.City, letter.Country, largePrint,
            !_options.Envelope.Holds(sheets), placed.PdfSha256);
    }

    /// <summary>
    /// A sealed batch without its summary (sealed by a version that wrote none) gets one made from its sealed manifest
    /// rows, so every batch the post room sees has a sheet to sign off.
    /// </summary>
    private void WriteMissingSummaries()
    {
        foreach (var (batch, seal) in _sealed)
        {
            var path = _folder.PublishedSummary(batch);
            if (File.Exists(path))
            {
                continue;
            }

            var rows = PrintManifest.ReadFile(_folder.PublishedRows(batch));
            var staged = _folder.StagedSummary(batch);
            PrintBatchSummary.WriteFile(staged, PrintBatchSummary.Text(_options.CampaignId, batch, seal.Sha256, _options.Envelope, rows));
            File.Move(staged, path);
        }
    }
}
