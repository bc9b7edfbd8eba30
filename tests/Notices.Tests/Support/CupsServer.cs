using System.Diagnostics;
using System.Globalization;

namespace Notices.Tests.Support;

/// <summary>
/// The private CUPS on 127.0.0.1:6631 that scripts/cups-test-setup.sh runs (own config and spool under
/// /var/lib/notices-test-cups; the machine's own CUPS is not touched), with the cups-pdf queue <see cref="Queue"/>.
/// Tests that use it belong to the "cups" collection (<see cref="CupsCollection"/>): they disable and reject the queue.
/// </summary>
public static class CupsServer
{
    public const string Server = "127.0.0.1:6631";
    public const string Queue = "notices-pdf";
    public const string PdfFolder = "/var/lib/notices-test-cups/pdf";

    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["CUPS_SERVER"] = Server };

    /// <summary>Runs the setup script: starts cupsd if needed and leaves the queue enabled and accepting.</summary>
    public static void EnsureReady()
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "cups-test-setup.sh");
        var (code, output) = Run("bash", script);
        if (code != 0)
        {
            throw new InvalidOperationException($"{script} failed (exit {code}):\n{output}");
        }
    }

    public static void Disable(string reason) => Tool("cupsdisable", "-r", reason, Queue);

    public static void Enable() => Tool("cupsenable", Queue);

    public static void Reject() => Tool("cupsreject", Queue);

    public static void Accept() => Tool("cupsaccept", Queue);

    /// <summary>Cancels a job as an operator would (<c>cancel queue-id</c>).</summary>
    public static void Cancel(int jobId) => Tool("cancel", Queue + "-" + jobId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Submits a file with lp as another program would, and returns CUPS's job id.</summary>
    public static int SubmitWithLp(string file, string title)
    {
        var output = Tool("lp", "-d", Queue, "-t", title, file);
        // "request id is notices-pdf-12 (1 file(s))"
        var id = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.StartsWith(Queue + "-", StringComparison.Ordinal));
        return int.Parse(id[(Queue.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The PDF cups-pdf wrote for a job (Label 2: the name ends in -job_&lt;id&gt;.pdf); waits for it a little.</summary>
    public static string? PdfOfJob(int jobId, TimeSpan wait)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-job_{jobId}.pdf");
        var until = DateTime.UtcNow + wait;
        do
        {
            var file = Directory.EnumerateFiles(PdfFolder).FirstOrDefault(f => f.EndsWith(suffix, StringComparison.Ordinal));
            if (file is not null)
            {
                return file;
            }

            Thread.Sleep(200);
        }
        while (DateTime.UtcNow < until);
        return null;
    }

    /// <summary>Job ids CUPS remembers whose title contains <paramref name="text"/> (lpstat -W all).</summary>
    public static string JobList() => Tool("lpstat", "-W", "all", "-o", Queue);

    private static string Tool(string tool, params string[] args)
    {
        var (code, output) = Run(tool, args);
        return code == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed (exit {code}): {output}");
    }

    private static (int Code, string Output) Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["CUPS_SERVER"] = Server;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{tool} did not finish");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
