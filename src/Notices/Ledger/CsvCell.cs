using System.Text;

namespace Notices.Ledger;

/// <summary>
/// Makes one CSV cell safe for spreadsheets. A value starting with <c>= + - @</c>, tab or CR would be run as a
/// formula by Excel/LibreOffice (CSV injection), so it gets a leading apostrophe, which both show as text. Then a
/// cell containing the delimiter, a quote, CR or LF is quoted with inner quotes doubled (RFC 4180).
/// </summary>
public static class CsvCell
{
    /// <summary>Danish Excel expects <c>;</c> because <c>,</c> is the decimal separator in da-DK.</summary>
    public const char DefaultDelimiter = ';';

    public static string Escape(string? value, char delimiter = DefaultDelimiter)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        var needsQuotes = value.Contains(delimiter, StringComparison.Ordinal)
            || value.Contains('"', StringComparison.Ordinal)
            || value.Contains('\r', StringComparison.Ordinal)
            || value.Contains('\n', StringComparison.Ordinal);
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Reverses the formula guard of <see cref="Escape"/> on a cell a CSV parser has already unquoted.</summary>
    public static string Unescape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        return cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r'
            ? cell[1..]
            : cell;
    }

    /// <summary>One escaped row, without a line ending.</summary>
    public static string Row(IEnumerable<string?> cells, char delimiter = DefaultDelimiter)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var sb = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                sb.Append(delimiter);
            }

            sb.Append(Escape(cell, delimiter));
            first = false;
        }

        return sb.ToString();
    }
}
