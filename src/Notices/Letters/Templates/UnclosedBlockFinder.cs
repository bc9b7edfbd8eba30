using System.Text.RegularExpressions;

namespace Notices.Letters.Templates;

/// <summary>
/// Finds the block a template never closes. Scriban reports a missing <c>{{ end }}</c> where it gave up looking, at the
/// end of the file; the author needs the line of the <c>{{ if }}</c> or <c>{{ for }}</c> that opened it.
/// </summary>
internal static partial class UnclosedBlockFinder
{
    private static readonly HashSet<string> s_openers = new(StringComparer.Ordinal) { "if", "for", "while", "capture", "case", "func", "with", "wrap", "tablerow" };

    /// <summary>The innermost opening tag without its <c>end</c>, as (1-based line, column, tag text), or null.</summary>
    public static (int Line, int Column, string Tag)? Find(string source)
    {
        var open = new Stack<Match>();
        foreach (Match tag in TagRegex().Matches(source))
        {
            foreach (var statement in tag.Groups["code"].Value.Split([';', '\n']))
            {
                var word = FirstWordRegex().Match(statement).Value.Trim();
                if (s_openers.Contains(word))
                {
                    open.Push(tag);
                }
                else if (word == "end" && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }
        if (open.Count == 0)
        {
            return null;
        }
        var unclosed = open.Peek();
        var (line, column) = SourcePosition.Of(source, unclosed.Index);
        return (line, column, unclosed.Value.Length <= 40 ? unclosed.Value : unclosed.Value[..40] + "…");
    }

    [GeneratedRegex(@"\{\{[~-]?(?<code>.*?)[~-]?\}\}", RegexOptions.Singleline)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^\s*[a-z]+")]
    private static partial Regex FirstWordRegex();
}
