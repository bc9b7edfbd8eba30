using System.Globalization;
using System.Text;
using Notices.Letters.Fonts;
using Notices.Letters.Templates;

namespace Notices.Reports;

/// <summary>The Danish words and number formats of the effectiveness-check report (fixed, not from the installed ICU data).</summary>
public static class ReportText
{
    private static readonly NumberFormatInfo s_danish = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    };

    /// <summary>A count with Danish thousands separators, e.g. 5.000.</summary>
    public static string Count(int n) => n.ToString("#,0", s_danish);

    /// <summary>A share with one decimal and a Danish comma, e.g. 87,5 %.</summary>
    public static string Percent(double value) => value.ToString("0.0", s_danish) + " %";

    /// <summary>
    /// Data as the report's font can draw it: a character it has no glyph for, and any control or format character
    /// (e.g. a right-to-left override), is written as &lt;U+XXXX&gt;, so an odd patient id stays traceable and never stops the report.
    /// </summary>
    public static string Printable(string text, FontFace face)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var drawable = category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                && rune.IsBmp // PDFsharp's glyph look-up cuts a code point above U+FFFF to 16 bits (U+1F600 would draw U+1F60)
                && FontMetricsCache.HasGlyph(rune.Value, face);
            if (drawable)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<U+{rune.Value:X4}>");
            }
        }

        return sb.ToString();
    }

    public static string Date(DateOnly? date) => date is { } d ? DanishDates.LongDate(d) : "–";

    /// <summary>Short day label for a chart axis, e.g. 21.11.</summary>
    public static string ShortDay(DateOnly day) => day.ToString("d'.'M", CultureInfo.InvariantCulture);

    public static string Category(ReachCategory category) => category switch
    {
        ReachCategory.EmailConfirmed => "E-mail, leveret (leveringsrapport)",
        ReachCategory.EmailAcceptedOnly => "E-mail, afleveret (uden rapport)",
        ReachCategory.Post => "Brev med posten",
        ReachCategory.Unreachable => "Kan ikke nås",
        ReachCategory.Failed => "Mislykket",
        ReachCategory.Uncertain => "Uvis (afbrudt afsendelse)",
        _ => "Ikke sendt endnu",
    };

    /// <summary>Short form for a chart's category axis.</summary>
    public static string ShortCategory(ReachCategory category) => category switch
    {
        ReachCategory.EmailConfirmed => "E-mail, bekræftet",
        ReachCategory.EmailAcceptedOnly => "E-mail, kun afleveret",
        ReachCategory.Post => "Post",
        ReachCategory.Unreachable => "Kan ikke nås",
        ReachCategory.Failed => "Mislykket",
        ReachCategory.Uncertain => "Uvis",
        _ => "Ikke sendt",
    };

    public static string Reason(UnreachedReason reason) => reason switch
    {
        UnreachedReason.NoAddress => "Ingen postadresse og ingen gyldig e-mail med samtykke",
        UnreachedReason.EmailBounced => "E-mailen kom retur (afvist efter aflevering)",
        UnreachedReason.EmailRefused => "E-mailen blev afvist af mailserveren",
        UnreachedReason.LetterReturned => "Brevet kom retur",
        UnreachedReason.NotMade => "Brevet kunne ikke dannes",
        UnreachedReason.Uncertain => "Uvist om e-mailen gik ud (afsendelsen blev afbrudt)",
        _ => "Ikke sendt endnu",
    };
}
