using System.Text;

namespace Notices.Delivery;

/// <summary>
/// Reads back the small CSV files this program writes itself (manifest.csv): RFC 4180 quoting, one delimiter,
/// quoted cells may span lines. Not a general importer; Records uses CsvHelper for patient files.
/// </summary>
internal static class SemicolonCsvReader
{
    public static IEnumerable<IReadOnlyList<string>> ReadRows(TextReader reader, char delimiter = ';')
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var rowHasContent = false;
        int read;
        while ((read = reader.Read()) != -1)
        {
            var c = (char)read;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        cell.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    cell.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                inQuotes = true;
                rowHasContent = true;
            }
            else if (c == delimiter)
            {
                row.Add(cell.ToString());
                cell.Clear();
                rowHasContent = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (rowHasContent || cell.Length > 0)
                {
                    row.Add(cell.ToString());
                    yield return row;
                }

                row = [];
                cell.Clear();
                rowHasContent = false;
            }
            else
            {
                cell.Append(c);
                rowHasContent = true;
            }
        }

        if (rowHasContent || cell.Length > 0)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }
}
