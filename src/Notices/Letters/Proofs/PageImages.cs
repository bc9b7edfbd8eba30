using System.Diagnostics;
using System.Globalization;

namespace Notices.Letters.Proofs;

/// <summary>
/// PNG images of a PDF's pages, made by poppler's <c>pdftoppm</c> when it is on PATH. Without it, or when it fails,
/// the images are skipped with a reason; the rest of the proof stands.
/// </summary>
public static class PageImages
{
    public const string Tool = "pdftoppm";
    public const int Resolution = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Full path of pdftoppm on PATH, or null.</summary>
    public static string? FindTool()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? Tool + ".exe" : Tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Writes <c>&lt;prefix&gt;-1.png</c>… next to the PDF (earlier images of the prefix are removed first).</summary>
    /// <returns>The images in page order, or the reason there are none.</returns>
    public static (IReadOnlyList<string> Images, string? Skipped) Render(string pdfPath, string prefix)
    {
        ArgumentNullException.ThrowIfNull(pdfPath);
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (var stale in Existing(prefix))
        {
            File.Delete(stale);
        }

        var tool = FindTool();
        if (tool is null)
        {
            return ([], $"{Tool} not found (install poppler-utils); page images skipped");
        }

        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-png", "-r", Resolution.ToString(CultureInfo.InvariantCulture), pdfPath, prefix })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Tool} could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return ([], $"{Tool} took longer than {Timeout.TotalMinutes:0} minutes; page images skipped");
        }

        if (process.ExitCode != 0)
        {
            var why = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return ([], string.Create(CultureInfo.InvariantCulture, $"{Tool} failed (exit {process.ExitCode}) {why}").TrimEnd() + "; page images skipped");
        }

        return (Existing(prefix), null);
    }

    /// <summary>pdftoppm pads the page number to the width of the page count (-1, or -01 from ten pages): sort by number.</summary>
    private static List<string> Existing(string prefix)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(prefix))!;
        var name = Path.GetFileName(prefix) + "-";
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return Directory.EnumerateFiles(dir, name + "*.png")
            .Select(f => (File: f, Number: PageNumber(Path.GetFileNameWithoutExtension(f)[name.Length..])))
            .Where(p => p.Number > 0)
            .OrderBy(p => p.Number)
            .Select(p => p.File)
            .ToList();
    }

    private static int PageNumber(string tail) =>
        int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
