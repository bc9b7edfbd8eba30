using System.Diagnostics;
using System.Globalization;
using Notices.Cli.Commands;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>The split SMTP measure moves whole processes between cores; the kernel's mask must really change.</summary>
public sealed class CpuAffinityTests
{
    [Fact]
    public void TrySet_moves_a_child_to_cpu_0_and_back_to_all_cpus_and_ProcessTree_finds_it()
    {
        // xunit 2 has no runtime skip: without Linux affinity or a second CPU there is nothing to move, so the test
        // only checks that it could not run here.
        var allCpus = $"0-{(Environment.ProcessorCount - 1).ToString(CultureInfo.InvariantCulture)}";
        if (!CpuAffinity.IsSupported || Environment.ProcessorCount < 2 || AllowedCpus("self") != allCpus)
        {
            Assert.False(CpuAffinity.IsSupported && Environment.ProcessorCount >= 2 && AllowedCpus("self") == allCpus);
            return;
        }

        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var pid = child.Id.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(allCpus, AllowedCpus(pid));

            Assert.True(CpuAffinity.TrySet([child.Id], [0]));
            Assert.Equal("0", AllowedCpus(pid));

            Assert.True(CpuAffinity.TrySet([child.Id], CpuAffinity.AllCpus));
            Assert.Equal(allCpus, AllowedCpus(pid));

            Assert.Contains(child.Id, CpuAffinity.ProcessTree(Environment.ProcessId));
            Assert.Equal(child.Id, CpuAffinity.ProcessTree(child.Id)[0]);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void ProcessTree_does_not_contain_an_unrelated_process()
    {
        if (!CpuAffinity.IsSupported)
        {
            Assert.False(CpuAffinity.IsSupported);
            return;
        }

        // PID 1 is no descendant of the test process.
        Assert.DoesNotContain(1, CpuAffinity.ProcessTree(Environment.ProcessId));
    }

    private static string AllowedCpus(string pid) =>
        File.ReadLines($"/proc/{pid}/status")
            .Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))["Cpus_allowed_list:".Length..]
            .Trim();
}
