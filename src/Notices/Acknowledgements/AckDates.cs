using System.Globalization;

namespace Notices.Acknowledgements;

/// <summary>
/// The date an acknowledgement was received, as the RA team writes it: ISO <c>yyyy-mm-dd</c>, or Danish
/// <c>dd-mm-yyyy</c> / <c>dd.mm.yyyy</c> (what Danish Excel shows), with or without leading zeros. Two-digit years
/// and <c>/</c> (month first or day first?) are refused rather than guessed.
/// </summary>
public static class AckDates
{
    /// <summary>The accepted shapes, for messages.</summary>
    public const string Accepted = "yyyy-mm-dd, dd-mm-yyyy or dd.mm.yyyy";

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-M-d", "d-M-yyyy", "d.M.yyyy"];

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
