using Notices.Printing;

namespace Notices.Runs;

/// <summary>What <see cref="PrintRun"/> needs from CUPS (implemented by <see cref="IppPrintClient"/>).</summary>
public interface IPrintQueue
{
    /// <summary>Where CUPS is, for messages (host:port).</summary>
    string Server { get; }

    /// <returns>The queue's state, or null when there is no such queue.</returns>
    /// <exception cref="CupsUnreachableException">CUPS did not answer.</exception>
    Task<PrinterStatus?> GetPrinterAsync(string queue, CancellationToken ct);

    /// <returns>CUPS's job id.</returns>
    /// <exception cref="PrintRefusedException">CUPS refused the job.</exception>
    Task<int> PrintAsync(PrintJobRequest request, CancellationToken ct);

    /// <returns>The job's state, or null when CUPS no longer knows it.</returns>
    Task<PrintJobStatus?> GetJobAsync(string queue, int jobId, CancellationToken ct);

    /// <summary>Every job CUPS remembers for the queue (any state, any user).</summary>
    Task<IReadOnlyList<PrintJobStatus>> ListJobsAsync(string queue, CancellationToken ct);
}
