using System.Diagnostics;
using Notices.Cli.Commands;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>The SMTP benchmark splits a measure's CPU into its own and other processes'; both figures must be real.</summary>
public sealed class MachineCpuTests
{
    [Fact]
    public void Burning_cpu_shows_in_own_time_and_in_the_machines_busy_time()
    {
        if (!File.Exists("/proc/stat"))
        {
            Assert.False(OperatingSystem.IsLinux());
            return;
        }

        var before = MachineCpu.Now();
        Burn(TimeSpan.FromMilliseconds(200));
        var used = MachineCpu.Now() - before;

        Assert.True(used.Own >= TimeSpan.FromMilliseconds(100), $"own CPU {used.Own.TotalMilliseconds} ms");
        // /proc/stat counts in 10 ms ticks per CPU, so allow a few ticks of rounding.
        Assert.True(used.Machine >= used.Own - TimeSpan.FromMilliseconds(50),
            $"machine {used.Machine.TotalMilliseconds} ms < own {used.Own.TotalMilliseconds} ms");
        Assert.True(used.Others >= TimeSpan.Zero);
    }

    [Fact]
    public void Others_is_the_machines_time_beyond_our_own_and_never_negative()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(30), new MachineCpu(TimeSpan.FromMilliseconds(130), TimeSpan.FromMilliseconds(100)).Others);
        Assert.Equal(TimeSpan.Zero, new MachineCpu(TimeSpan.FromMilliseconds(90), TimeSpan.FromMilliseconds(100)).Others);
    }

    private static double Burn(TimeSpan cpu)
    {
        using var self = Process.GetCurrentProcess();
        var start = self.TotalProcessorTime;
        var x = 1.0;
        while (true)
        {
            for (var i = 0; i < 100_000; i++)
            {
                x = Math.Sqrt(x + i);
            }

            self.Refresh();
            if (self.TotalProcessorTime - start >= cpu)
            {
                return x;
            }
        }
    }
}
