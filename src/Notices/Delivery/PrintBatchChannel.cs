using System.Globalization;
using System.Text.RegularExpressions;
using Notices.Campaigns;
using Notices.Ledger;

namespace Notices.Delivery;

/// <summary>
/// Post: collects letters (paths only) and writes them as batch PDFs of at most <see cref="PrintBatchOptions.BatchSize"/>
/// letters (batch-0001.pdf, batch-0002.pdf…), each presorted by country then postal code for the post room, plus
/// manifest.csv. Numbering continues after the batch files already in the directory, so a second run never overwrites.
/// <c>PrintBatched</c> is recorded for a letter only after its batch file is written and fsynced and its manifest rows
/// are on disk. Letters still collected when the channel is disposed without <see cref="CompleteAsync"/> are not
/// printed and not logged (they stay Pending and a re-run sends them).
/// </summary>
public sealed partial class PrintBatchChannel : IDeliveryChannel
{
    private readonly PrintBatchOptions _options;
    private readonly IDeliveryLog _log;
    private readonly string _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<OutgoingLetter> _collected = [];
    private Dictionary<string, PrintManifestRow>? _alreadyBatched;

    public PrintBatchChannel(PrintBatchOptions options, IDeliveryLog log)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        _directory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(_directory);
    }

    public DeliveryChannelKind Kind => DeliveryChannelKind.Post;

    public string OutputDirectory => _directory;

    /// <summary>Batch file names written by this channel, in order.</summary>
    public IReadOnlyList<string> WrittenBatches => _written;

    private readonly List<string> _written = [];

    /// <exception cref="FileNotFoundException">The letter's PDF does not exist.</exception>
    public async Task DeliverAsync(OutgoingLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!File.Exists(letter.PdfPath))
        {
            throw new FileNotFoundException($"The PDF of letter {letter.LetterId} does not exist.", letter.PdfPath);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryReuse(letter) || _collected.Exists(l => string.Equals(l.LetterId, letter.LetterId, StringComparison.Ordinal)))
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

    /// <summary>Writes the partly filled last batch.</summary>
    /// <exception cref="PrintBatchException">Some letters' PDFs could not be read; the others were batched.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken)
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
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next free batch number: one past the highest batch-NNNN.pdf in the directory.</summary>
    public static int NextBatchNumber(string directory)
    {
        var highest = 0;
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "batch-*.pdf"))
            {
                var match = BatchFilePattern().Match(Path.GetFileName(file));
                if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    highest = Math.Max(highest, n);
                }
            }
        }

        return highest + 1;
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

        var batchName = string.Create(CultureInfo.InvariantCulture, $"batch-{NextBatchNumber(_directory):D4}.pdf");
        var result = PrintBatchWriter.Write(Path.Combine(_directory, batchName), letters, _options.PadToEvenPages);
        if (result.Rows.Count > 0)
        {
            PrintManifest.Append(_directory, result.Rows);
            _written.Add(batchName);
            foreach (var row in result.Rows)
            {
                var letter = letters.First(l => string.Equals(l.LetterId, row.LetterId, StringComparison.Ordinal));
                RecordBatched(letter, row, reused: false);
                _alreadyBatched?.TryAdd(row.LetterId, row);
            }
        }

        if (result.Failures.Count > 0)
        {
            throw new PrintBatchException(result.Failures);
        }
    }

    private bool TryReuse(OutgoingLetter letter)
    {
        if (!_options.ReuseBatchedLetters)
        {
            return false;
        }

        _alreadyBatched ??= PrintManifest.Read(_directory)
            .GroupBy(r => r.LetterId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        if (!_alreadyBatched.TryGetValue(letter.LetterId, out var row)
            || !string.Equals(row.PdfSha256, letter.PdfSha256, StringComparison.OrdinalIgnoreCase)
            || !File.Exists(Path.Combine(_directory, row.Batch)))
        {
            return false;
        }

        RecordBatched(letter, row, reused: true);
        return true;
    }

    private void RecordBatched(OutgoingLetter letter, PrintManifestRow row, bool reused)
    {
        var detail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["batch"] = row.Batch,
            ["position"] = row.Position.ToString(CultureInfo.InvariantCulture),
            ["first_page"] = row.FirstPage.ToString(CultureInfo.InvariantCulture),
            ["pages"] = row.Pages.ToString(CultureInfo.InvariantCulture),
            ["pdf_sha256"] = row.PdfSha256,
        };
        if (reused)
        {
            detail["reused"] = "true";
        }

        _log.Record(new DeliveryEvent(letter.CampaignId, letter.LetterId, letter.PatientId, LedgerEventKind.PrintBatched, detail));
    }

    [GeneratedRegex(@"^batch-(\d+)\.pdf$", RegexOptions.CultureInvariant)]
    private static partial Regex BatchFilePattern();
}
