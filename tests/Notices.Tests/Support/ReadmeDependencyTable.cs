namespace Notices.Tests.Support;

/// <summary>Reads the table of the README's "### Dependencies and licences" section.</summary>
internal static class ReadmeDependencyTable
{
    public const string Heading = "### Dependencies and licences";

    public static IReadOnlyList<ReadmeDependencyRow> Read(string readmePath)
    {
        var lines = File.ReadAllLines(readmePath);
        var start = Array.FindIndex(lines, line => line.TrimEnd() == Heading);
        if (start < 0)
        {
            throw new InvalidDataException($"{readmePath} has no '{Heading}' section.");
        }

        var section = lines.Skip(start + 1).TakeWhile(line => !line.StartsWith('#')).ToList();
        var table = section.SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).ToList();
        if (table.Count < 2)
        {
            throw new InvalidDataException($"The '{Heading}' section of {readmePath} has no table.");
        }

        var header = Cells(table[0]);
        string[] expected = ["package", "version", "licence", "used for"];
        if (!header.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The dependency table's header is '{table[0]}', not '| {string.Join(" | ", expected)} |'.");
        }

        var rows = new List<ReadmeDependencyRow>();
        foreach (var line in table.Skip(2))
        {
            var cells = Cells(line);
            if (cells.Count != 4)
            {
                throw new InvalidDataException($"Dependency table row '{line}' does not have 4 cells.");
            }

            rows.Add(new ReadmeDependencyRow(cells[0], cells[1], cells[2], cells[3]));
        }

        return rows;
    }

    // "| `PDFsharp` | 6.2.4 | MIT | letter PDFs |" -> PDFsharp, 6.2.4, MIT, letter PDFs (code spans unwrapped).
    private static List<string> Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(cell => cell.Trim().Trim('`').Trim()).ToList();
}
