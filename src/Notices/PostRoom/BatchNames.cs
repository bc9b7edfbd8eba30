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

    /// <summary>The batch number the post room typed (<c>3</c>, <c>0003</c>, <c>batch-0003.pdf</c>, <c>batch-0003-large.pdf</c>).</summary>
    public static bool TryParse(string? text, out int number)
    {
        var match = Shape().Match(text?.Trim() ?? "");
        return int.TryParse(match.Success ? match.Groups["n"].Value : "", NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    /// <summary>
    /// The file name of batch <paramref name="number"/> among the campaign's batches: a number names one batch whether it
    /// is a regular or a large-print one (<c>batch-0003-large.pdf</c>), since both kinds share one numbering.
    /// </summary>
    public static string? Resolve(int number, IEnumerable<string> batches) =>
        batches.FirstOrDefault(b => PrintBatchFolder.TryParseNumber(b, out var n) && n == number);

    /// <summary>The number of a batch file name, without leading zeros (<c>batch-0007.pdf</c> → <c>7</c>).</summary>
    public static string NumberOf(string batch)
    {
        var match = Shape().Match(batch ?? "");
        return match.Success ? match.Groups["n"].Value.TrimStart('0') : batch ?? "";
    }

    [GeneratedRegex(@"^(?:batch-)?(?<n>[0-9]{1,6})(?:-large)?(?:\.pdf)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Shape();
}
