using System.Globalization;
using Notices.Printing;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli;

/// <summary>
/// Prints a campaign's batches and tells the user, one line per batch: the body of <c>notices print</c>, and the
/// last step of <c>send --printer</c> and <c>remind --printer</c> (the same code path).
/// </summary>
public static class PrintStep
{
    /// <returns>0 when every sealed batch is printed, 3 when something is not (queue not ready, timeout, failed job).</returns>
    public static async Task<int> RunAsync(NoticesDbContext store, string campaignId, PrintOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        CupsEndpoint endpoint;
        try
        {
            endpoint = CupsEndpoint.FromEnvironment();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        using var client = new IppPrintClient(endpoint);
        var progress = new SyncProgress(line => Console.WriteLine(Format(line)));
        var summary = await new PrintRun(store, client).RunAsync(campaignId, options, progress, ct);
        if (summary.Batches.Count == 0)
        {
            Console.WriteLine($"print {campaignId}: the campaign has no sealed print batches; nothing to print.");
            return ExitCodes.Done;
        }

        if (summary.Outcome == PrintOutcome.QueueNotReady)
        {
            CommandRunner.Error(summary.Problem!);
            Console.Error.WriteLine("  The batches stay on disk and nothing was recorded as printed; run 'notices print' again when the queue is ready.");
            foreach (var line in summary.Batches)
            {
                Console.WriteLine(Format(line));
            }

            return ExitCodes.NotAllReached;
        }

        var done = summary.Batches.Count(b => string.Equals(b.State, "completed", StringComparison.Ordinal));
        var found = summary.Recovered > 0 ? string.Create(CultureInfo.InvariantCulture, $", found again {summary.Recovered}") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"print {campaignId} on '{options.Queue}' (CUPS {endpoint}): {summary.Batches.Count} batches, {done} printed; this run submitted {summary.Submitted}, completed {summary.Completed}, failed {summary.Failed}, still submitted {summary.StillSubmitted}{found}."));
        if (summary.Problem is { } problem)
        {
            CommandRunner.Error(problem + ". What was recorded is kept; run 'notices print' again to continue.");
        }

        if (summary.Outcome == PrintOutcome.AllPrinted)
        {
            return ExitCodes.Done;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fejl: {summary.Batches.Count - done} of {summary.Batches.Count} batches are not printed yet (see above); run 'notices print' again to follow them up or print them."));
        return ExitCodes.NotAllReached;
    }

    /// <summary>"batch-0001  job 12  completed" with a short note; no patient data.</summary>
    public static string Format(PrintLine line)
    {
        var job = line.Job is { } id ? "job " + id.ToString(CultureInfo.InvariantCulture) : "no job";
        return $"  {line.Batch}  {job,-9}  {line.State}" + (line.Note is { Length: > 0 } note ? "  (" + note + ")" : "");
    }

    /// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; posts to the thread pool and can reorder lines).</summary>
    private sealed class SyncProgress(Action<PrintLine> report) : IProgress<PrintLine>
    {
        public void Report(PrintLine value) => report(value);
    }
}
