using System.Globalization;

namespace Notices.Letters.Templates;

/// <summary>Danish date text as printed in letters, e.g. "21. november 2026".</summary>
public static class DanishDates
{
    // Fixed table rather than the da-DK culture, so the text does not depend on the ICU data installed.
    private static readonly string[] s_monthNames =
    [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ];

    /// <summary>Day without leading zero, lower-case month name, four-digit year.</summary>
    public static string LongDate(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day}. {s_monthNames[date.Month - 1]} {date.Year}");

    public static string LongDate(DateTime date) => LongDate(DateOnly.FromDateTime(date));
}
