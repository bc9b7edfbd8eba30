using Notices.Letters.Layout;

namespace Notices.Tests.Letters.Layout;

/// <summary>Helpers to read a layout the way a reader of the page would.</summary>
public static class LayoutAssertions
{
    public static LetterLayout LayoutOf(Notices.Letters.LetterDocument letter) => new LetterLayoutEngine().Layout(letter);

    /// <summary>Text runs of the flow (not footer, not the fixed first-page header).</summary>
    public static IEnumerable<TextOp> FlowRuns(LayoutPage page) =>
        page.TextRuns.Where(r => r.Role is not (TextRole.Footer or TextRole.Sender or TextRole.Address));

    public static bool IsHeading(TextOp run) => run.Role is TextRole.Heading or TextRole.Title;

    /// <summary>All text of a page in reading order: lines by baseline, runs by x, a space only where there is a gap.</summary>
    public static string PageText(LayoutPage page)
    {
        var lines = page.TextRuns.GroupBy(r => Math.Round(r.Baseline, 1)).OrderBy(g => g.Key);
        return string.Join(" ", lines.Select(line =>
        {
            var sb = new System.Text.StringBuilder();
            TextOp? previous = null;
            foreach (var run in line.OrderBy(r => r.X))
            {
                if (previous is not null && run.X - previous.Bounds.Right > 0.5)
                {
                    sb.Append(' ');
                }

                sb.Append(run.Text);
                previous = run;
            }

            return sb.ToString().Trim();
        }));
    }
}
