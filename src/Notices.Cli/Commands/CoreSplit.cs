namespace Notices.Cli.Commands;

/// <summary>
/// For one measure, notices (and the children it starts, such as smtp-source) on CPU 0 and the local Postfix on the
/// other CPUs, then everything back on all CPUs: the mail server then has cores of its own, as a relay on another
/// machine would, and what is measured is how fast the client keeps it busy.
/// </summary>
internal static class CoreSplit
{
    public static string ServerCpus => string.Join(",", Enumerable.Range(1, Math.Max(1, Environment.ProcessorCount - 1)));

    /// <summary>Why the split cannot be measured here, or null when it can.</summary>
    public static string? Unavailable(SmtpBenchSetup setup) =>
        setup.Postfix is null ? "needs --postfix-config (the local Postfix instance to move)"
        : !CpuAffinity.IsSupported || Environment.ProcessorCount < 2 ? "needs Linux and at least 2 cores"
        : null;

    /// <summary>Runs <paramref name="measure"/> split; false (and nothing run) when the affinity may not be set.</summary>
    public static async Task<(bool Done, T? Result)> RunAsync<T>(BenchPostfix postfix, Func<Task<T>> measure)
    {
        var server = Enumerable.Range(1, Environment.ProcessorCount - 1).ToArray();
        try
        {
            if (!CpuAffinity.TrySet([Environment.ProcessId], [0]) || !CpuAffinity.TrySet(postfix.Processes(), server))
            {
                return (false, default);
            }

            return (true, await measure());
        }
        finally
        {
            CpuAffinity.TrySet([Environment.ProcessId], CpuAffinity.AllCpus);
            CpuAffinity.TrySet(postfix.Processes(), CpuAffinity.AllCpus);
        }
    }
}
