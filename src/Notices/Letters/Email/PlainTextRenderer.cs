using System.Globalization;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Notices.Letters.Email;

/// <summary>
/// Renders a Markdig document as plain text for the text/plain email part:
/// level-1 headings underlined with '=', level-2 with '-', deeper ones in upper case; paragraphs wrapped at
/// <see cref="Width"/> characters; lists indented under their "- " or "1. " marker; tables as aligned columns;
/// links as "text (url)"; emphasis as plain text. Lines end with '\n'.
/// </summary>
public sealed class PlainTextRenderer
{
    public const int DefaultWidth = 72;
    private const string ColumnGap = "  ";

    public PlainTextRenderer(int width = DefaultWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 20);
        Width = width;
    }

    public int Width { get; }

    public string Render(MarkdownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var lines = RenderContainer(document, Width, blankBetweenBlocks: true);
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line.TrimEnd()).Append('\n');
        }
        return builder.ToString();
    }

    private List<string> RenderContainer(ContainerBlock container, int width, bool blankBetweenBlocks)
    {
        var lines = new List<string>();
        foreach (var block in container)
        {
            var blockLines = RenderBlock(block, width);
            if (blockLines.Count == 0)
            {
                continue;
            }
            if (lines.Count > 0 && blankBetweenBlocks)
            {
                lines.Add(string.Empty);
            }
            lines.AddRange(blockLines);
        }
        return lines;
    }

    private List<string> RenderBlock(Block block, int width) => block switch
    {
        HeadingBlock heading => RenderHeading(heading, width),
        ParagraphBlock paragraph => TextWrapper.Wrap(PlainTextInlines.ToText(paragraph.Inline, softBreaksAsNewlines: true), width),
        ListBlock list => RenderList(list, width),
        Table table => RenderTable(table),
        QuoteBlock quote => RenderContainer(quote, width - 2, blankBetweenBlocks: true)
            .Select(l => l.Length == 0 ? ">" : "> " + l).ToList(),
        ThematicBreakBlock => [new string('-', Math.Min(width, 40))],
        CodeBlock code => code.Lines.Lines.Take(code.Lines.Count).Select(l => "    " + l.ToString()).ToList(),
        LinkReferenceDefinitionGroup => [],
        ContainerBlock container => RenderContainer(container, width, blankBetweenBlocks: true),
        LeafBlock leaf => TextWrapper.Wrap(PlainTextInlines.ToText(leaf.Inline), width),
        _ => [],
    };

    private static List<string> RenderHeading(HeadingBlock heading, int width)
    {
        var text = PlainTextInlines.ToText(heading.Inline).Replace('\n', ' ').Trim();
        if (heading.Level >= 3)
        {
            return TextWrapper.Wrap(text.ToUpper(CultureInfo.GetCultureInfo("da-DK")), width);
        }
        var lines = TextWrapper.Wrap(text, width);
        var underline = heading.Level == 1 ? '=' : '-';
        lines.Add(new string(underline, lines.Max(l => l.Length)));
        return lines;
    }

    private List<string> RenderList(ListBlock list, int width)
    {
        var lines = new List<string>();
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;
        var items = list.OfType<ListItemBlock>().ToList();
        // Ordered markers share one width so that item texts line up ("9. " and "10. ").
        var markerWidth = list.IsOrdered ? (number + items.Count - 1).ToString(CultureInfo.InvariantCulture).Length + 2 : 2;
        foreach (var item in items)
        {
            var marker = list.IsOrdered
                ? (number++.ToString(CultureInfo.InvariantCulture) + ".").PadRight(markerWidth)
                : "- ";
            var indent = new string(' ', marker.Length);
            var itemLines = RenderContainer(item, width - marker.Length, blankBetweenBlocks: list.IsLoose);
            if (list.IsLoose && lines.Count > 0)
            {
                lines.Add(string.Empty);
            }
            for (var i = 0; i < itemLines.Count; i++)
            {
                var line = itemLines[i];
                lines.Add(i == 0 ? marker + line : line.Length == 0 ? string.Empty : indent + line);
            }
            if (itemLines.Count == 0)
            {
                lines.Add(marker.TrimEnd());
            }
        }
        return lines;
    }

    private static List<string> RenderTable(Table table)
    {
        var rows = table.OfType<TableRow>()
            .Select(r => (r.IsHeader, Cells: r.OfType<TableCell>().Select(CellText).ToList()))
            .ToList();
        var columnCount = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
        var widths = Enumerable.Range(0, columnCount)
            .Select(c => rows.Max(r => c < r.Cells.Count ? r.Cells[c].Length : 0))
            .ToArray();
        var lines = new List<string>();
        foreach (var (isHeader, cells) in rows)
        {
            var parts = Enumerable.Range(0, columnCount).Select(c =>
            {
                var text = c < cells.Count ? cells[c] : string.Empty;
                var align = c < table.ColumnDefinitions.Count ? table.ColumnDefinitions[c].Alignment : null;
                return align switch
                {
                    TableColumnAlign.Right => text.PadLeft(widths[c]),
                    TableColumnAlign.Center => text.PadLeft((widths[c] + text.Length) / 2).PadRight(widths[c]),
                    _ => text.PadRight(widths[c]),
                };
            });
            lines.Add(string.Join(ColumnGap, parts).TrimEnd());
            if (isHeader)
            {
                lines.Add(string.Join(ColumnGap, widths.Select(w => new string('-', w))));
            }
        }
        return lines;
    }

    private static string CellText(TableCell cell)
    {
        var texts = cell.OfType<LeafBlock>().Select(b => PlainTextInlines.ToText(b.Inline).Replace('\n', ' ').Trim());
        return string.Join(" ", texts);
    }
}
