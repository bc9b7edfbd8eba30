using System.Globalization;
using System.Runtime.InteropServices;

namespace Notices.Cli.Commands;

/// <summary>
/// Linux CPU affinity of whole processes, for the SMTP benchmark's split measure (the MTA on its own core, as a relay
/// on another machine would be). The kernel's mask belongs to each thread, so every thread of a process is set, and
/// the threads and children it starts afterwards inherit the mask of the thread that starts them.
/// </summary>
internal static class CpuAffinity
{
    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    private static readonly int[] s_startCpus = StartCpus();

    /// <summary>
    /// Every CPU this process may run on when it started (the mask to restore), in ascending order. Read from the
    /// kernel, not <see cref="Environment.ProcessorCount"/>: that is lowered by a cgroup CPU quota and counts the
    /// allowed CPUs without saying which they are (under taskset -c 2,3 it is 2, not CPUs 0 and 1).
    /// </summary>
    public static IReadOnlyList<int> AllCpus => s_startCpus;

    // A static constructor, so the mask is read before the first call of TrySet, not lazily after it.
    static CpuAffinity()
    {
    }

    private static int[] StartCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [.. Enumerable.Range(0, Environment.ProcessorCount)];
        }

        var mask = new ulong[16]; // 1,024 CPUs, glibc's cpu_set_t
        if (SchedGetAffinity(0, mask.Length * sizeof(ulong), mask) != 0)
        {
            return [.. Enumerable.Range(0, Environment.ProcessorCount)];
        }

        return [.. Enumerable.Range(0, mask.Length * 64).Where(cpu => (mask[cpu / 64] & (1UL << (cpu % 64))) != 0)];
    }

    /// <summary>Sets the mask of every thread of each process; false when one could not be set (not permitted).</summary>
    public static bool TrySet(IEnumerable<int> processIds, IReadOnlyCollection<int> cpus)
    {
        var mask = new ulong[Math.Max(1, (cpus.Max() / 64) + 1)];
        foreach (var cpu in cpus)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        var all = true;
        foreach (var pid in processIds)
        {
            foreach (var thread in ThreadsOf(pid))
            {
                // ESRCH (3): the thread ended meanwhile, which is fine; anything else (EPERM) means we may not move it.
                if (SchedSetAffinity(thread, mask.Length * sizeof(ulong), mask) != 0 && Marshal.GetLastPInvokeError() != 3)
                {
                    all = false;
                }
            }
        }

        return all;
    }

    /// <summary>The process and all its descendants, read from /proc (parent id is the 4th field of /proc/PID/stat).</summary>
    public static IReadOnlyList<int> ProcessTree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || ParentOf(pid) is not { } parent)
            {
                continue;
            }

            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            if (children.TryGetValue(tree[i], out var list))
            {
                tree.AddRange(list);
            }
        }

        return tree;
    }

    private static IEnumerable<int> ThreadsOf(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return tasks.Select(t => int.TryParse(Path.GetFileName(t), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : -1)
            .Where(tid => tid > 0);
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetAffinity(int pid, nint cpuSetSize, ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedGetAffinity(int pid, nint cpuSetSize, [Out] ulong[] mask);
}
