using System.Diagnostics;
using System.Text;

namespace Notices.Tests.Support;

/// <summary>poppler-utils (pdftotext, pdfinfo, pdffonts), installed by scripts/test.sh.</summary>
public static class Poppler
{
    public static string Text(string pdf) => Run("pdftotext", "-enc", "UTF-8", "-layout", pdf, "-");

    public static string RawText(string pdf) => Run("pdftotext", "-enc", "UTF-8", pdf, "-");

    public static string Info(string pdf) => Run("pdfinfo", pdf);

    public static int Pages(string pdf)
    {
        var line = Info(pdf).Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({p.ExitCode}): {p.StandardError.ReadToEnd()}");
        }

        return output;
    }
}
