using System.Diagnostics;
using System.Globalization;

namespace Notices.Tests.Support;

/// <summary>
/// Postfix's own SMTP load generator, <c>/usr/sbin/smtp-source</c> (Debian package postfix), run against the test
/// Postfix: the ceiling a benchmark compares our SMTP channel with. Every message goes to one address at
/// patients.test (a catch-all Maildir), so clean up after a large run.
/// </summary>
public static class SmtpSource
{
    public const string Program = "/usr/sbin/smtp-source";

    /// <summary>
    /// Sends <paramref name="messages"/> messages in all, each with a <paramref name="messageBytes"/>-byte body, over
    /// <paramref name="sessions"/> parallel SMTP sessions, and times the whole run.
    /// <paramref name="keepConnection"/> (<c>-d</c>) sends every message of a session over one connection, as our channel
    /// does; without it smtp-source connects anew for every message.
    /// </summary>
    /// <exception cref="InvalidOperationException">smtp-source is missing or exits non-zero (e.g. nothing listens).</exception>
    public static SmtpSourceRun Run(
        int messages, int sessions, long messageBytes, int port = PostfixServer.Port, bool keepConnection = true,
        string from = "bench@example.com", string to = "sink@patients.test")
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing; it comes with the Debian package postfix.");
        }

        var info = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string>
        {
            "-s", sessions.ToString(CultureInfo.InvariantCulture),
            "-m", messages.ToString(CultureInfo.InvariantCulture),
            "-l", messageBytes.ToString(CultureInfo.InvariantCulture),
            "-f", from, "-t", to,
        };
        if (keepConnection)
        {
            args.Insert(0, "-d");
        }

        args.Add($"{PostfixServer.Host}:{port.ToString(CultureInfo.InvariantCulture)}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"smtp-source {string.Join(' ', args)} did not finish in 10 minutes.");
        }

        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"smtp-source {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Result}{stdout.Result}".Trim());
        }

        return new SmtpSourceRun(messages, sessions, messageBytes, clock.Elapsed);
    }
}
