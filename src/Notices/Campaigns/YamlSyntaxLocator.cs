namespace Notices.Campaigns;

/// <summary>
/// Finds the line of a YAML syntax error that YamlDotNet reports without a useful position: an unclosed '[', '{' or
/// quote is reported at the end of the file (or, followed by more keys, with no position at all), but the line to fix
/// is the one where it was opened.
/// </summary>
internal static class YamlSyntaxLocator
{
    /// <summary>1-based line of the first '[', '{' or quote that is never closed, or null when all are closed.</summary>
    public static int? UnclosedLine(string text)
    {
        var open = new Stack<(char Close, int Line)>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        char? quote = null;
        var quoteLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var previous = ' ';
            var atStart = true;
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                if (quote is { } q)
                {
                    if (c == q)
                    {
                        // '' inside a single-quoted scalar is an escaped quote.
                        if (q == '\'' && j + 1 < line.Length && line[j + 1] == '\'')
                        {
                            j++;
                            continue;
                        }

                        quote = null;
                    }
                    else if (c == '\\' && q == '"')
                    {
                        j++;
                    }

                    continue;
                }

                if (c == '#' && (j == 0 || char.IsWhiteSpace(previous)))
                {
                    break;
                }

                // Brackets and quotes only mean something where a value starts, or inside a flow collection.
                var valueStart = open.Count > 0 || atStart || previous is ':' or '-' or ',' or '[' or '{' or '?';
                if (valueStart && c is '"' or '\'')
                {
                    quote = c;
                    quoteLine = i + 1;
                }
                else if (valueStart && c is '[' or '{')
                {
                    open.Push((c == '[' ? ']' : '}', i + 1));
                }
                else if (open.Count > 0 && c is ']' or '}')
                {
                    open.Pop();
                }

                if (!char.IsWhiteSpace(c))
                {
                    atStart = false;
                    previous = c;
                }
                else if (previous is ':' or '-' or ',' or '?')
                {
                    // Keep the marker: "key: [" opens a flow sequence after the space.
                }
                else
                {
                    previous = ' ';
                }
            }
        }

        if (quote is not null)
        {
            return quoteLine;
        }

        return open.Count > 0 ? open.Reverse().First().Line : null;
    }

    /// <summary>1-based line of the first use of the alias <c>*name</c>, or null.</summary>
    public static int? AliasLine(string text, string name)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains("*" + name, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}
