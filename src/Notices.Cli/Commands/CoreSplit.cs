namespace Notices.Cli.Commands;

/// <summary>
/// For one measure, notices (and the children it starts, such as smtp-source) on its first CPU and the local Postfix on
/// the other CPUs, then everything back on the CPUs notices started with: the mail server then has cores of its own,
/// as a relay on another machine would, and what is measured is how fast the client keeps it busy.
/// </summary>
internal static class CoreSplit
{
    public static int ClientCpu => CpuAffinity.AllCpus[0];

    private static int[] Server => [.. CpuAffinity.AllCpus.Skip(1)];

    public static string ServerCpus => string.Join(",", Server);

    /// <summary>Why the split cannot be measured here, or null when it can.</summary>
    public static string? Unavailable(SmtpBenchSetup setup) =>
        setup.Postfix is null ? "needs --postfix-config (the local Postfix instance to move)"
        : !CpuAffinity.IsSupported || CpuAffinity.AllCpus.Count < 2 ? "needs Linux and at least 2 cores"
        : null;

    /// <summary>Runs <paramref name="measure"/> split; false (and nothing run) when the affinity may not be set.</summary>
    public static Task<(bool Done, T? Result)> RunAsync<T>(BenchPostfix postfix, Func<Task<T>> measure) =>
        RunAsync(postfix.Processes, measure);

    /// <summary>
    /// As above, with the server's processes read by <paramref name="serverProcesses"/> (at the start and again at the
    /// end). Every step of putting things back runs even when another fails, and the processes moved at the start are
    /// put back even when the server's processes cannot be read at the end: a mail server left on one core would slow
    /// every later measure and test that uses it.
    /// </summary>
    internal static async Task<(bool Done, T? Result)> RunAsync<T>(Func<IReadOnlyList<int>> serverProcesses, Func<Task<T>> measure)
    {
        IReadOnlyList<int> moved = [];
        try
        {
            if (!CpuAffinity.TrySet([Environment.ProcessId], [ClientCpu]))
            {
                return (false, default);
            }

            moved = serverProcesses();
            if (!CpuAffinity.TrySet(moved, Server))
            {
                return (false, default);
            }

            return (true, await measure());
        }
        finally
        {
            Restore(serverProcesses, moved);
        }
    }

    private static void Restore(Func<IReadOnlyList<int>> serverProcesses, IReadOnlyList<int> moved)
    {
        List<Exception> failures = [];
        void Try(Action step)
        {
            try
            {
                step();
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or UnauthorizedAccessException
                or System.ComponentModel.Win32Exception)
            {
                failures.Add(ex);
            }
        }

        Try(() => CpuAffinity.TrySet([Environment.ProcessId], CpuAffinity.AllCpus));
        Try(() => CpuAffinity.TrySet(moved, CpuAffinity.AllCpus));
        // Again with the processes the server has now: those it started during the measure inherited the split mask.
        Try(() => CpuAffinity.TrySet(serverProcesses(), CpuAffinity.AllCpus));
        if (failures.Count > 0 && moved.Count > 0)
        {
            Console.Error.WriteLine("bench: could not read the mail server's processes to move them back to all CPUs (" +
                failures[0].Message + "); check them with: grep Cpus_allowed_list /proc/PID/status");
        }
    }
}
