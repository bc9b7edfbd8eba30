using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Notices.Tests.Delivery;

/// <summary>Reads page facts with poppler's pdfinfo.</summary>
internal static partial class Poppler
{
    public static string PdfInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/pdfinfo", args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("pdfinfo failed: " + process.StandardError.ReadToEnd());
        }

        return output;
    }

    public static int PageCount(string pdf)
    {
        var match = PagesLine().Match(PdfInfo(pdf));
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Width in points of every page, in order.</summary>
    public static IReadOnlyList<double> PageWidths(string pdf)
    {
        var pages = PageCount(pdf);
        var info = PdfInfo("-f", "1", "-l", pages.ToString(CultureInfo.InvariantCulture), pdf);
        return PageSizeLine().Matches(info)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page\s+\d+ size:\s+([\d.]+) x", RegexOptions.Multiline)]
    private static partial Regex PageSizeLine();
}
