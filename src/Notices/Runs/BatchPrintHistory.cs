using Notices.Model;

namespace Notices.Runs;

/// <summary>
/// One sealed batch and what the ledger says about its printing: how many jobs were submitted, whether one completed,
/// and which jobs are still in flight (submitted, with no completion or failure recorded yet).
/// </summary>
public sealed class BatchPrintHistory(BatchSealed seal, string sealEntryHash)
{
    private readonly List<PrintSubmitted> _inFlight = [];

    public BatchSealed Seal { get; } = seal;

    /// <summary>The ledger hash of the BatchSealed row: unique to this store, campaign and batch (job tokens use it).</summary>
    public string SealEntryHash { get; } = sealEntryHash;

    public string Batch => Seal.Batch;

    /// <summary>"batch-0001" for "batch-0001.pdf".</summary>
    public string Name => Path.GetFileNameWithoutExtension(Seal.Batch);

    public int Submissions { get; private set; }

    public PrintCompleted? LastCompleted { get; private set; }

    public PrintFailed? LastFailed { get; private set; }

    public IReadOnlyList<PrintSubmitted> InFlight => _inFlight;

    public bool IsCompleted => LastCompleted is not null;

    public void Apply(LedgerEvent printEvent)
    {
        switch (printEvent)
        {
            case PrintSubmitted submitted:
                Submissions++;
                _inFlight.Add(submitted);
                break;
            case PrintCompleted completed:
                LastCompleted = completed;
                _inFlight.RemoveAll(s => SameJob(s, completed.Queue, completed.Job));
                break;
            case PrintFailed failed:
                LastFailed = failed;
                _inFlight.RemoveAll(s => SameJob(s, failed.Queue, failed.Job));
                break;
        }
    }

    private static bool SameJob(PrintSubmitted submitted, string queue, string? job) =>
        string.Equals(submitted.Queue, queue, StringComparison.Ordinal) && string.Equals(submitted.Job, job, StringComparison.Ordinal);
}
