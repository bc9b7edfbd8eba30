using System.CommandLine;
using System.Globalization;
using Notices.Printing;

namespace Notices.Cli;

/// <summary>The printing options of <c>print</c>, <c>send --printer</c> and <c>remind --printer</c>.</summary>
public sealed class PrintCliOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private readonly Option<bool> _simplex = new("--simplex") { Description = "Print on one side of the sheet (sides=one-sided); the default is duplex on the long edge." };

    private readonly Option<string?> _timeout = new("--print-timeout")
    {
        Description = "How long to follow the print jobs, e.g. 90s, 10m, 1h (default 10m; 0 = submit and do not wait). "
            + "Jobs not done by then stay submitted, and a later 'notices print' follows them up instead of printing again.",
    };

    public PrintCliOptions(bool printerRequired)
    {
        Printer = new Option<string?>("--printer")
        {
            Description = printerRequired
                ? "The CUPS queue to print on. CUPS is found through CUPS_SERVER (host[:port], default localhost:631)."
                : "Print the campaign's sealed batches that are not printed yet on this CUPS queue after delivery (as 'notices print' "
                  + "does). CUPS is found through CUPS_SERVER (host[:port], default localhost:631). Without it, batches are only "
                  + "written to out/<campaign>/print/.",
            Required = printerRequired,
        };
    }

    public Option<string?> Printer { get; }

    public IEnumerable<Option> All => [Printer, _simplex, _timeout];

    public string Sides(ParseResult parse) => parse.GetValue(_simplex) ? PrintSides.OneSided : PrintSides.TwoSidedLongEdge;

    public TimeSpan Timeout(ParseResult parse) => ParseDuration(parse.GetValue(_timeout));

    /// <summary>90s, 10m, 1h, or a bare number of seconds.</summary>
    /// <exception cref="UsageException">Not such a duration.</exception>
    public static TimeSpan ParseDuration(string? text)
    {
        if (text is null)
        {
            return DefaultTimeout;
        }

        var t = text.Trim();
        var unit = t.Length > 0 && char.IsAsciiLetter(t[^1]) ? char.ToLowerInvariant(t[^1]) : 's';
        var number = char.IsAsciiLetter(t.Length > 0 ? t[^1] : ' ') ? t[..^1] : t;
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000
            || unit is not ('s' or 'm' or 'h'))
        {
            throw new UsageException($"--print-timeout must be a duration like 90s, 10m or 1h, not '{text}'.");
        }

        return unit switch
        {
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromSeconds(n),
        };
    }
}
