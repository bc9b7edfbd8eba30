using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>
/// Runs the real <c>notices</c> program under GNU time, which reports the process's peak resident set size (the
/// kernel's maxrss, i.e. the peak working set), and its wall-clock time.
/// </summary>
public static class MeasuredCliRun
{
    public sealed record Result(CliRunner.Result Cli, long PeakRssMb, TimeSpan Elapsed);

    public static Result Run(string workingDirectory, params string[] args)
    {
        var report = Path.Combine(workingDirectory, "time-" + Guid.NewGuid().ToString("N") + ".txt");
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in (string[])["-f", "%M", "-o", report, "dotnet", Path.Combine(AppContext.BaseDirectory, "notices.dll"), .. args])
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"notices {string.Join(' ', args)} did not finish in 5 minutes.");
        }

        clock.Stop();
        // GNU time writes "Command exited with non-zero status N" before the figure when the exit code is not 0.
        var kilobytes = long.Parse(File.ReadAllLines(report).Last(l => l.Length > 0), CultureInfo.InvariantCulture);
        File.Delete(report);
        return new Result(new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result), kilobytes / 1024, clock.Elapsed);
    }
}
