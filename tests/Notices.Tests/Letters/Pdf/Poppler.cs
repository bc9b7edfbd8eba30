using System.Diagnostics;
using System.Text;

namespace Notices.Tests.Letters.Pdf;

/// <summary>Runs the poppler command-line tools on a PDF file and returns their output.</summary>
public static class Poppler
{
    public static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/" + tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    public static string Text(string pdf) => Run("pdftotext", "-enc", "UTF-8", pdf, "-");

    /// <summary>pdfinfo's "Key: value" lines as a dictionary.</summary>
    public static Dictionary<string, string> Info(string pdf) =>
        Run("pdfinfo", "-enc", "UTF-8", pdf).Split('\n')
            .Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
}
