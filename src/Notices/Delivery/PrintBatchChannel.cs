using Notices.Campaigns;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>
/// Post: collects letters (paths only) and writes them as batch PDFs of at most <see cref="PrintBatchOptions.BatchSize"/>
/// letters (batch-0001.pdf, batch-0002.pdf…), each presorted by country then postal code for the post room, plus
/// manifest.csv.
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
    private readonly List<OutgoingLetter> _collected = [];
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

            _collected.Add(letter);
            if (_collected.Count >= _options.BatchSize)
            {
                WriteCollected();
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
            if (_collected.Count > 0)
            {
                WriteCollected();
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

    private void WriteCollected()
    {
        var letters = _collected
            .OrderBy(l => l.Country, StringComparer.Ordinal)
            .ThenBy(l => string.IsNullOrEmpty(l.PostalCode))
            .ThenBy(l => l.PostalCode, StringComparer.Ordinal)
            .ThenBy(l => l.LetterId, StringComparer.Ordinal)
            .ToList();
        _collected.Clear();

        var batch = PrintBatchFolder.BatchName(_folder.NextBatchNumber(_sealed.Keys));
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

        var rowsOfBatch = result.Placed
            .Select(p => new PrintManifestRow(batch, p.Position, p.Letter.LetterId, p.Letter.PatientId, p.Pages, p.FirstPage,
                p.Letter.PostalCode, p.Letter.Country, p.PdfSha256, p.BlankPages))
            .ToList();

        PrintManifest.WriteFile(_folder.StagedRows(batch), rowsOfBatch);
        var sha = PrintBatchFolder.Sha256(stagedPdf);
        var rowsSha = PrintBatchFolder.Sha256(_folder.StagedRows(batch));
        var events = new List<LetterEvent>(rowsOfBatch.Count + 1);
        foreach (var row in rowsOfBatch)
        {
            events.Add(new LetterEvent(_options.CampaignId, row.LetterId, row.PatientId,
                new PrintBatched(row.Batch, row.Position, row.FirstPage, row.Pages, row.PdfSha256, row.BlankPages)));
        }

        var pages = rowsOfBatch.Sum(r => r.Pages + r.BlankPages);
        var seal = new BatchSealed(batch, sha, rowsOfBatch.Count, pages, rowsSha);
        events.Add(new LetterEvent(_options.CampaignId, null, null, seal));

        // The seal is durable before anyone can see the batch; from here on it exists (Recover finishes the moves).
        _log.RecordIntent(events);
        _sealed[batch] = seal;
        File.Move(stagedPdf, _folder.Published(batch));
        File.Move(_folder.StagedRows(batch), _folder.PublishedRows(batch), overwrite: true);
        _folder.RewriteManifest(_sealed.Keys);
        _written.Add(batch);
    }
}
