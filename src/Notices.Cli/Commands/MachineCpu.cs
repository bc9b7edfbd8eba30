using System.Diagnostics;
using System.Globalization;

namespace Notices.Cli.Commands;

/// <summary>
/// CPU time used on the whole machine (from /proc/stat) and by this process, so that the benchmark can say how much of
/// a measure's CPU went to other processes, such as a mail server on the same machine.
/// </summary>
internal readonly record struct MachineCpu(TimeSpan Machine, TimeSpan Own)
{
    public static MachineCpu Now()
    {
        using var self = Process.GetCurrentProcess();
        return new MachineCpu(MachineBusy(), self.TotalProcessorTime);
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) => new(after.Machine - before.Machine, after.Own - before.Own);

    /// <summary>CPU time of every other process (and the kernel's work for them).</summary>
    public TimeSpan Others => Machine > Own ? Machine - Own : TimeSpan.Zero;

    private static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // "cpu user nice system idle iowait irq softirq steal ...", in clock ticks of 1/100 s (USER_HZ on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => fields.Length > i ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return TimeSpan.FromMilliseconds(busy * 10);
    }
}
