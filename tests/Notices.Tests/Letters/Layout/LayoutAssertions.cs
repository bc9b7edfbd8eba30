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

    /// <summary>All text of a page in reading order (by baseline, then x).</summary>
    public static string PageText(LayoutPage page) =>
        string.Join(" ", page.TextRuns.OrderBy(r => Math.Round(r.Baseline, 1)).ThenBy(r => r.X).Select(r => r.Text));
}
