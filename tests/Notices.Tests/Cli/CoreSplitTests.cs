using System.Diagnostics;
using System.Globalization;
using Notices.Cli.Commands;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>
/// The benchmark's core split on a stand-in for the mail server (a child <c>sleep</c>), never the shared Postfix: what
/// it moved must be back on every CPU however the measure ends.
/// </summary>
public sealed class CoreSplitTests
{
    private static string AllowedCpus(int pid) =>
        File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
            .Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))["Cpus_allowed_list:".Length..].Trim();

    /// <summary>"0-2,5" as 0, 1, 2, 5.</summary>
    private static List<int> Cpus(string list) =>
    [
        .. list.Split(',').SelectMany(part => part.Split('-') is [var from, var to]
            ? Enumerable.Range(int.Parse(from, CultureInfo.InvariantCulture), int.Parse(to, CultureInfo.InvariantCulture) - int.Parse(from, CultureInfo.InvariantCulture) + 1)
            : [int.Parse(part, CultureInfo.InvariantCulture)]),
    ];

    private static Process Sleeper()
    {
        var info = new ProcessStartInfo("/bin/sleep") { ArgumentList = { "60" } };
        return Process.Start(info)!;
    }

    [Fact]
    public void The_start_mask_is_the_kernels_list_of_allowed_cpus()
    {
        if (!CpuAffinity.IsSupported)
        {
            return;
        }

        Assert.Equal(Cpus(AllowedCpus(Environment.ProcessId)), CpuAffinity.AllCpus);
    }

    [Fact]
    public async Task A_measure_that_throws_and_a_server_whose_processes_cannot_be_read_afterwards_still_get_every_cpu_back()
    {
        if (!CpuAffinity.IsSupported || CpuAffinity.AllCpus.Count < 2)
        {
            return;
        }

        using var server = Sleeper();
        try
        {
            var before = AllowedCpus(server.Id);
            var calls = 0;
            IReadOnlyList<int> Processes() =>
                ++calls == 1 ? [server.Id] : throw new InvalidOperationException("postconf failed (exit 1): the instance was stopped");

            string? during = null;
            await Assert.ThrowsAsync<TimeoutException>(() => CoreSplit.RunAsync<int>(Processes, () =>
            {
                during = AllowedCpus(server.Id);
                throw new TimeoutException("the measure failed");
            }));

            Assert.Equal(CoreSplit.ServerCpus, string.Join(",", Cpus(during!)));
            Assert.Equal(before, AllowedCpus(server.Id));
            Assert.Equal(before, AllowedCpus(Environment.ProcessId));
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public void A_child_whose_name_holds_spaces_and_parentheses_is_found_in_the_process_tree()
    {
        if (!OperatingSystem.IsLinux() || !CpuAffinity.IsSupported)
        {
            return;
        }

        using var dir = new Notices.Tests.Support.TempDirectory();
        // comm is the first 15 bytes of the file name: "x) S 1 (y z" would read as parent 1 after the first ')'.
        var program = dir.File("x) S 1 (y z");
        File.Copy("/bin/sleep", program);
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using var child = Process.Start(new ProcessStartInfo(program) { ArgumentList = { "60" } })!;
        try
        {
            Assert.Contains("x) S 1 (y z", File.ReadAllText($"/proc/{child.Id.ToString(CultureInfo.InvariantCulture)}/stat"), StringComparison.Ordinal);
            Assert.Contains(child.Id, CpuAffinity.ProcessTree(Environment.ProcessId));
        }
        finally
        {
            child.Kill();
        }
    }
}
