using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Model;
using Notices.Printing;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One <c>notices print</c>: hands the campaign's sealed batches to a CUPS queue and follows the jobs to their end.
/// <list type="bullet">
/// <item>Under the campaign run lock, on a ledger that verifies.</item>
/// <item>A batch with a completed job, or a job still in flight, is not submitted again; <c>--batch N</c> prints one
/// batch again on purpose (PrintSubmitted with Reprint).</item>
/// <item>Nothing is submitted when the queue is missing, stopped or not accepting, or CUPS does not answer.</item>
/// <item>Each batch file must still have the SHA-256 its BatchSealed recorded.</item>
/// <item>PrintSubmitted is durable as soon as CUPS gives the job id; jobs are then followed until completed
/// (PrintCompleted), canceled or aborted (PrintFailed), or the timeout, which leaves them submitted for a later run to
/// follow up with Get-Job-Attributes.</item>
/// <item>A run killed between CUPS accepting a job and PrintSubmitted is covered by the token in the job title
/// (<see cref="PrintJobTitle"/>): the next run finds the job with Get-Jobs and records it instead of printing again.</item>
/// </list>
/// </summary>
public sealed class PrintRun(NoticesDbContext db, IPrintQueue cups, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <exception cref="PrintRequestException">--batch names a batch the campaign does not have.</exception>
    /// <exception cref="InvalidDataException">A batch file to print is missing or changed since it was sealed.</exception>
    public async Task<PrintSummary> RunAsync(string campaignId, PrintOptions options, IProgress<PrintLine>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var runLock = CampaignRunLock.Acquire(db, campaignId, "print");
        LedgerGate.EnsureIntact(db, "print");
        var reference = db.Campaigns.AsNoTracking().Where(c => c.CampaignId == campaignId).Select(c => c.Reference).FirstOrDefault() ?? campaignId;
        var batches = PrintHistory.Read(db, campaignId);
        var lines = batches.ToDictionary(b => b.Batch, LineFromHistory, StringComparer.Ordinal);
        var toSubmit = ChooseBatches(batches, options.Batch);
        var following = batches.SelectMany(b => b.InFlight.Select(s => new InFlightJob(b, s))).ToList();
        if (toSubmit.Count == 0 && following.Count == 0)
        {
            return Summary(campaignId, batches, lines, PrintOutcome.AllPrinted, null, new Counts());
        }

        var paths = new CampaignPaths(options.OutputDirectory, campaignId);
        foreach (var batch in toSubmit)
        {
            VerifyFile(paths, batch);
        }

        var queue = options.Queue;
        PrinterStatus? printer;
        try
        {
            printer = await cups.GetPrinterAsync(queue, ct).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is CupsUnreachableException or PrintRefusedException)
        {
            return Summary(campaignId, batches, lines, PrintOutcome.QueueNotReady, $"{ex.Message}; nothing was printed", new Counts());
        }

        if (printer is null || !printer.Ready)
        {
            var problem = printer is null
                ? $"CUPS at {cups.Server} has no queue '{queue}'"
                : $"queue '{queue}' is {printer.Describe()}";
            return Summary(campaignId, batches, lines, PrintOutcome.QueueNotReady, problem + "; nothing was printed", new Counts());
        }

        using var ledger = new LedgerWriter(db, _time);
        var counts = new Counts();
        string? stopped = null;
        if (toSubmit.Count > 0)
        {
            stopped = await SubmitAsync(campaignId, reference, options, paths, toSubmit, ledger, following, lines, progress, counts, ct).ConfigureAwait(false);
        }

        stopped = await FollowAsync(campaignId, options, ledger, following, lines, progress, counts, ct).ConfigureAwait(false) ?? stopped;
        var all = PrintHistory.Read(db, campaignId);
        var outcome = all.All(b => b.IsCompleted) && following.Count == 0 ? PrintOutcome.AllPrinted : PrintOutcome.NotAllPrinted;
        return Summary(campaignId, all, lines, outcome, stopped, counts);
    }

    private static List<BatchPrintHistory> ChooseBatches(IReadOnlyList<BatchPrintHistory> batches, int? number)
    {
        if (number is not { } n)
        {
            return [.. batches.Where(b => !b.IsCompleted && b.InFlight.Count == 0)];
        }

        // A number names a regular or a large-print batch (batch-0002-large.pdf): both kinds share one numbering.
        var asked = batches.FirstOrDefault(b => PrintBatchFolder.TryParseNumber(b.Batch, out var number) && number == n);
        return asked is not null
            ? [asked]
            : throw new PrintRequestException(string.Create(CultureInfo.InvariantCulture,
                $"the campaign has no sealed batch {n} (sealed: {(batches.Count == 0 ? "none" : string.Join(", ", batches.Select(b => b.Name)))}); nothing was printed."));
    }

    private static void VerifyFile(CampaignPaths paths, BatchPrintHistory batch)
    {
        var file = Path.Combine(paths.Print, batch.Batch);
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"batch file {file} is missing (sealed in the ledger); nothing was printed. Restore it from a backup.");
        }

        if (!string.Equals(PrintBatchFolder.Sha256(file), batch.Seal.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"batch file {file} has changed since it was sealed (its SHA-256 is not the one in the ledger); "
                + "nothing was printed. Restore the sealed file from a backup.");
        }
    }

    private async Task<string?> SubmitAsync(string campaignId, string reference, PrintOptions options, CampaignPaths paths,
        List<BatchPrintHistory> toSubmit, LedgerWriter ledger, List<InFlightJob> following, Dictionary<string, PrintLine> lines,
        IProgress<PrintLine>? progress, Counts counts, CancellationToken ct)
    {
        var queue = options.Queue;
        IReadOnlyList<PrintJobStatus> known;
        try
        {
            known = await cups.ListJobsAsync(queue, ct).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is CupsUnreachableException or PrintRefusedException)
        {
            return ex.Message;
        }

        foreach (var batch in toSubmit)
        {
            var reprint = options.Batch is not null && batch.Submissions > 0;
            var token = PrintJobTitle.Token(batch);
            if (known.LastOrDefault(j => PrintJobTitle.HasToken(j.Name, token)) is { } orphan)
            {
                // A stopped run handed this job to CUPS and did not live to record it: record it now, print nothing.
                var found = new PrintSubmitted(batch.Batch, queue, Job(orphan.JobId), orphan.Name, null, reprint);
                ledger.AppendDurably(new LetterEvent(campaignId, null, null, found));
                following.Add(new InFlightJob(batch, found));
                counts.Recovered++;
                Report(lines, progress, new PrintLine(batch.Name, queue, orphan.JobId, "submitted", "found again after a stopped run; not printed again"));
                continue;
            }

            var title = PrintJobTitle.For(reference, batch);
            int jobId;
            try
            {
                jobId = await cups.PrintAsync(new PrintJobRequest(queue, Path.Combine(paths.Print, batch.Batch), title, options.Sides), ct).ConfigureAwait(false);
            }
            catch (PrintRefusedException ex)
            {
                ledger.AppendDurably(new LetterEvent(campaignId, null, null, new PrintFailed(batch.Batch, queue, null, "refused", ex.Message)));
                counts.Failed++;
                Report(lines, progress, new PrintLine(batch.Name, queue, null, "refused", ex.Message));
                return ex.Message;
            }
            catch (CupsUnreachableException ex)
            {
                return ex.Message;
            }

            var submitted = new PrintSubmitted(batch.Batch, queue, Job(jobId), title, options.Sides, reprint);
            ledger.AppendDurably(new LetterEvent(campaignId, null, null, submitted));
            following.Add(new InFlightJob(batch, submitted));
            counts.Submitted++;
            Report(lines, progress, new PrintLine(batch.Name, queue, jobId, "submitted",
                string.Create(CultureInfo.InvariantCulture, $"{batch.Seal.Pages} pages, {options.Sides}{(reprint ? ", reprint" : "")}")));
        }

        return null;
    }

    private async Task<string?> FollowAsync(string campaignId, PrintOptions options, LedgerWriter ledger, List<InFlightJob> following,
        Dictionary<string, PrintLine> lines, IProgress<PrintLine>? progress, Counts counts, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + options.Timeout;
        var last = new Dictionary<InFlightJob, PrintJobStatus?>();
        string? stopped = null;
        while (following.Count > 0)
        {
            foreach (var job in following.ToList())
            {
                var queue = job.Submitted.Queue ?? options.Queue;
                PrintJobStatus? status;
                try
                {
                    status = await cups.GetJobAsync(queue, job.Id, ct).ConfigureAwait(false);
                }
                catch (IOException ex) when (ex is CupsUnreachableException or PrintRefusedException)
                {
                    stopped = ex.Message;
                    break;
                }

                last[job] = status;
                if (status is null)
                {
                    // CUPS purged its history: the outcome cannot be known, and printing again could print twice.
                    following.Remove(job);
                    counts.StillSubmitted++;
                    Report(lines, progress, new PrintLine(job.Batch.Name, queue, job.Id, "unknown",
                        "CUPS no longer knows this job; check the printout, then use --batch to print it again if needed"));
                    continue;
                }

                if (!status.State.IsFinal())
                {
                    continue;
                }

                following.Remove(job);
                var reasons = status.Describe();
                if (status.State == PrintJobState.Completed)
                {
                    ledger.AppendDurably(new LetterEvent(campaignId, null, null,
                        new PrintCompleted(job.Batch.Batch, queue, job.Submitted.Job!, reasons.Length > 0 ? reasons : null)));
                    counts.Completed++;
                    Report(lines, progress, new PrintLine(job.Batch.Name, queue, job.Id, "completed"));
                }
                else
                {
                    ledger.AppendDurably(new LetterEvent(campaignId, null, null,
                        new PrintFailed(job.Batch.Batch, queue, job.Submitted.Job, status.State.Keyword(), reasons)));
                    counts.Failed++;
                    Report(lines, progress, new PrintLine(job.Batch.Name, queue, job.Id, status.State.Keyword(), reasons));
                }
            }

            if (stopped is not null || following.Count == 0 || _time.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(options.PollInterval, _time, ct).ConfigureAwait(false);
        }

        foreach (var job in following)
        {
            counts.StillSubmitted++;
            var status = last.GetValueOrDefault(job);
            var state = status?.State.Keyword() ?? "submitted";
            var detail = status?.Describe() is { Length: > 0 } d ? d + "; " : "";
            Report(lines, progress, new PrintLine(job.Batch.Name, job.Submitted.Queue, job.Id, state,
                detail + (stopped is null ? "still not done after --print-timeout" : "not followed to the end") + "; stays submitted, a later 'print' follows it up"));
        }

        return stopped;
    }

    private static void Report(Dictionary<string, PrintLine> lines, IProgress<PrintLine>? progress, PrintLine line)
    {
        lines[line.Batch + ".pdf"] = line;
        progress?.Report(line);
    }

    private static PrintLine LineFromHistory(BatchPrintHistory batch)
    {
        if (batch.InFlight.Count > 0)
        {
            var s = batch.InFlight[^1];
            return new PrintLine(batch.Name, s.Queue, ParseJob(s.Job), "submitted", "printed by an earlier run, not yet followed to the end");
        }

        if (batch.LastCompleted is { } c)
        {
            return new PrintLine(batch.Name, c.Queue, ParseJob(c.Job), "completed", "printed by an earlier run");
        }

        return batch.LastFailed is { } f
            ? new PrintLine(batch.Name, f.Queue, ParseJob(f.Job), f.State, "not printed: " + f.Reason)
            : new PrintLine(batch.Name, null, null, "not printed");
    }

    private static PrintSummary Summary(string campaignId, IReadOnlyList<BatchPrintHistory> batches, Dictionary<string, PrintLine> lines,
        PrintOutcome outcome, string? problem, Counts counts) => new()
    {
        CampaignId = campaignId,
        Outcome = outcome,
        Problem = problem,
        Batches = [.. batches.Select(b => lines.GetValueOrDefault(b.Batch) ?? LineFromHistory(b))],
        Submitted = counts.Submitted,
        Completed = counts.Completed,
        Failed = counts.Failed,
        StillSubmitted = counts.StillSubmitted,
        Recovered = counts.Recovered,
    };

    private static string Job(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static int? ParseJob(string? job) =>
        int.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private sealed record InFlightJob(BatchPrintHistory Batch, PrintSubmitted Submitted)
    {
        public int Id { get; } = ParseJob(Submitted.Job) ?? 0;
    }

    private sealed class Counts
    {
        public int Submitted { get; set; }

        public int Completed { get; set; }

        public int Failed { get; set; }

        public int StillSubmitted { get; set; }

        public int Recovered { get; set; }
    }
}
