using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Notices.Cli.Commands;

/// <summary>
/// The SMTP benchmark's handle on a local Postfix instance (<c>--postfix-config DIR</c>, e.g. the test instance of
/// scripts/postfix-test-setup.sh). With it the benchmark waits for the queue to empty before each measure, so one
/// measure's deliveries (and delivery reports) do not eat into the next one's CPU, and it can move the instance to
/// cores of its own for the split end-to-end measure. It changes nothing in the instance's configuration.
/// </summary>
internal sealed class BenchPostfix
{
    private readonly string _config;

    private BenchPostfix(string config) => _config = config;

    /// <summary>Null without the option; a usage error when the folder holds no main.cf or Postfix's tools are missing.</summary>
    public static BenchPostfix? Open(string? configDirectory)
    {
        if (configDirectory is null)
        {
            return null;
        }

        if (!File.Exists(Path.Combine(configDirectory, "main.cf")))
        {
            throw new UsageException($"--postfix-config {configDirectory}: no main.cf there (give the instance's configuration folder, e.g. /var/lib/notices-test-postfix/etc).");
        }

        if (!File.Exists("/usr/sbin/postqueue") || !File.Exists("/usr/sbin/postconf"))
        {
            throw new UsageException("--postfix-config needs postqueue and postconf (Debian package postfix).");
        }

        return new BenchPostfix(Path.GetFullPath(configDirectory));
    }

    /// <summary>The master process and every Postfix process it started.</summary>
    public IReadOnlyList<int> Processes()
    {
        var queue = Run("/usr/sbin/postconf", "-c", _config, "-h", "queue_directory").Trim();
        // The master holds an exclusive flock on its pid file, and .NET's FileStream asks for a shared one on every open
        // (a sharing violation here), so the file is read by cat.
        var pidText = Run("/bin/cat", Path.Combine(queue, "pid", "master.pid")).Trim();
        return CpuAffinity.ProcessTree(int.Parse(pidText, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Waits until no message is in the incoming or active queue (nor in maildrop): the instance is idle. Deferred and
    /// held messages are not waited for; they cost nothing until their next try.
    /// </summary>
    public void WaitUntilIdle(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var busy = 0;
            foreach (var line in Run("/usr/sbin/postqueue", "-c", _config, "-j").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var entry = JsonDocument.Parse(line);
                if (entry.RootElement.TryGetProperty("queue_name", out var name) && name.GetString() is "incoming" or "active" or "maildrop")
                {
                    busy++;
                }
            }

            if (busy == 0)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new InvalidOperationException($"the Postfix queue did not empty within {timeout.TotalSeconds:0} s ({busy} messages left)");
            }

            Thread.Sleep(250);
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {error.Result.Trim()}");
        }

        return output;
    }
}
