namespace Notices.Records;

/// <summary>Picks the field delimiter, <c>,</c> or <c>;</c>, from the header line of a CSV text.</summary>
public static class CsvDelimiterDetector
{
    /// <summary>
    /// Counts commas and semicolons in the first line, outside quotes; the more frequent wins and a tie
    /// (including none at all) gives a comma. Danish Excel writes semicolons because the comma is the decimal sign.
    /// </summary>
    public static char Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (HasSeparatorHint(text))
        {
            return text[4];
        }

        int commas = 0, semicolons = 0;
        var inQuotes = false;
        var seenText = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && (c == '\n' || c == '\r'))
            {
                if (seenText)
                {
                    break;
                }

                // Leading empty lines are skipped by the reader too.
                continue;
            }
            else if (!inQuotes && c == ',')
            {
                commas++;
            }
            else if (!inQuotes && c == ';')
            {
                semicolons++;
            }

            seenText = true;
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Whether the text starts with Excel's <c>sep=;</c> (or <c>sep=,</c>) line, which is not the header.</summary>
    public static bool HasSeparatorHint(string text) =>
        text.Length >= 5 && text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text[4] is ',' or ';' &&
        (text.Length == 5 || text[5] is '\r' or '\n');
}
