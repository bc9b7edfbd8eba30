using System.Text.RegularExpressions;

namespace Notices.Letters.Templates;

/// <summary>
/// Finds lines in a template's source. Handlebars.Net reports an undefined field or an unbalanced block without a
/// line number, so the line is recovered by scanning the source for the <c>{{...}}</c> expressions.
/// </summary>
public static partial class TemplateSourceLocator
{
    /// <summary>All mustache tags in source order; comments (<c>{{! }}</c>, <c>{{!-- --}}</c>) are skipped.</summary>
    public static IReadOnlyList<TemplateTag> Scan(string source)
    {
        var tags = new List<TemplateTag>();
        var index = 0;
        while (true)
        {
            var open = source.IndexOf("{{", index, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }
            if (open > 0 && source[open - 1] == '\\')
            {
                index = open + 2; // \{{ is a literal in Handlebars
                continue;
            }
            var isLongComment = string.CompareOrdinal(source, open, "{{!--", 0, 5) == 0;
            var closeToken = isLongComment ? "--}}" : "}}";
            var close = source.IndexOf(closeToken, open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }
            var end = close + closeToken.Length;
            if (end < source.Length && source[end] == '}')
            {
                end++; // triple-stash {{{ }}}
            }
            var text = source[open..end];
            var content = text.Trim('{', '}').Trim('~').Trim();
            if (!content.StartsWith('!'))
            {
                var (line, column) = LineAndColumn(source, open);
                tags.Add(new TemplateTag(text, content, line, column));
            }
            index = end;
        }
        return tags;
    }

    /// <summary>
    /// The first tag that uses <paramref name="path"/> (as written, or after this./../@root. prefixes),
    /// else the first one with <paramref name="missingKey"/> as a path segment.
    /// </summary>
    public static TemplateTag? FindField(string source, string path, string? missingKey)
    {
        var tags = Scan(source);
        var normalisedPath = NormalisePath(path);
        foreach (var tag in tags)
        {
            if (Tokens(tag.Content).Any(t => NormalisePath(t) == normalisedPath))
            {
                return tag;
            }
        }
        if (string.IsNullOrEmpty(missingKey))
        {
            return null;
        }
        foreach (var tag in tags)
        {
            if (Tokens(tag.Content).Any(t => NormalisePath(t).Split('.', '/').Contains(missingKey, StringComparer.Ordinal)))
            {
                return tag;
            }
        }
        return null;
    }

    /// <summary>
    /// Checks that block helpers open and close in pairs. Returns the first problem with its line, or null when the
    /// blocks balance (then a compile error is something else).
    /// </summary>
    public static (int Line, string Problem)? FindUnbalancedBlock(string source)
    {
        var open = new Stack<(string Name, int Line)>();
        foreach (var tag in Scan(source))
        {
            var content = tag.Content;
            if (content.Length < 2 || content.StartsWith("#>", StringComparison.Ordinal))
            {
                continue; // {{^}} as "else", partial blocks
            }
            var name = Tokens(content[1..]).FirstOrDefault() ?? string.Empty;
            if (content[0] is '#' or '^')
            {
                open.Push((name, tag.Line));
            }
            else if (content[0] == '/')
            {
                if (open.Count == 0)
                {
                    return (tag.Line, $"{tag.Text} lukker en blok, der ikke er åbnet");
                }
                var top = open.Pop();
                if (!string.Equals(top.Name, name, StringComparison.Ordinal))
                {
                    return (tag.Line, $"{tag.Text} passer ikke til {{{{#{top.Name}}}}} fra linje {top.Line}");
                }
            }
        }
        if (open.Count > 0)
        {
            var unclosed = open.Reverse().First(); // the outermost unclosed block
            return (unclosed.Line, $"{{{{#{unclosed.Name}}}}} lukkes aldrig (mangler {{{{/{unclosed.Name}}}}})");
        }
        return null;
    }

    /// <summary>The line of the first <c>{{</c> that is never closed by <c>}}</c>, or null.</summary>
    public static int? FindUnclosedTag(string source)
    {
        var index = 0;
        while (true)
        {
            var open = source.IndexOf("{{", index, StringComparison.Ordinal);
            if (open < 0)
            {
                return null;
            }
            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var nextOpen = source.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close && !(nextOpen == open + 1)))
            {
                return LineAndColumn(source, open).Line;
            }
            index = close + 2;
        }
    }

    /// <summary>Reads "Occured at: 2:14" (Handlebars.Net's spelling) from a parser exception's message.</summary>
    public static int? LineFromParserMessage(string message)
    {
        var match = ParserPositionRegex().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static IEnumerable<string> Tokens(string content) =>
        TokenSplitRegex().Split(content)
            .Select(t => t.TrimStart('#', '/', '^', '&', '>', '~').TrimEnd('~'))
            .Where(t => t.Length > 0 && t[0] is not ('"' or '\''));

    private static string NormalisePath(string token)
    {
        var path = token;
        while (true)
        {
            if (path.StartsWith("../", StringComparison.Ordinal))
            {
                path = path[3..];
            }
            else if (path.StartsWith("this.", StringComparison.Ordinal) || path.StartsWith("this/", StringComparison.Ordinal))
            {
                path = path[5..];
            }
            else if (path.StartsWith("@root.", StringComparison.Ordinal))
            {
                path = path[6..];
            }
            else
            {
                return path.Replace('/', '.');
            }
        }
    }

    private static (int Line, int Column) LineAndColumn(string source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }

    [GeneratedRegex(@"[\s()=]+")]
    private static partial Regex TokenSplitRegex();

    [GeneratedRegex(@"Occured at:\s*(\d+):(\d+)")]
    private static partial Regex ParserPositionRegex();
}
