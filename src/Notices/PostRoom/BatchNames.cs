using System.Globalization;
using System.Text.RegularExpressions;
using Notices.Delivery;

namespace Notices.PostRoom;

/// <summary>
/// A batch as the post room names it: its number (<c>1</c>, <c>0001</c>) or its file name (<c>batch-0001.pdf</c>, with
/// or without <c>.pdf</c>, any case). Always turned into the file name the ledger records.
/// </summary>
public static partial class BatchNames
{
    public const string Accepted = "a number (1 or 0001) or a file name (batch-0001.pdf)";

    public static bool TryParse(string? text, out string batch)
    {
        batch = "";
        var match = Shape().Match(text?.Trim() ?? "");
        if (!match.Success
            || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number <= 0)
        {
            return false;
        }

        batch = PrintBatchFolder.BatchName(number);
        return true;
    }

    /// <summary>The number of a batch file name, without leading zeros (<c>batch-0007.pdf</c> → <c>7</c>).</summary>
    public static string NumberOf(string batch)
    {
        var match = Shape().Match(batch ?? "");
        return match.Success ? match.Groups["n"].Value.TrimStart('0') : batch ?? "";
    }

    [GeneratedRegex(@"^(?:batch-)?(?<n>[0-9]{1,6})(?:\.pdf)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Shape();
}
