using System.Text.RegularExpressions;

namespace Notices.Letters.Templates;

/// <summary>
/// Finds the Handlebars syntax notice templates used before Scriban (<c>{{#each</c>, <c>{{/if</c>, <c>{{{x}}}</c> …).
/// Scriban would read some of it as a comment or an object and print the rest, so a package still written that way is
/// refused, naming the spot and the Scriban form, before any letter is made.
/// </summary>
public static partial class LegacyTemplateSyntax
{
    public const string SyntaxPage = "docs/templates.md";

    public static IReadOnlyList<LegacyTemplateFinding> Find(string? source)
    {
        var findings = new List<LegacyTemplateFinding>();
        if (string.IsNullOrEmpty(source))
        {
            return findings;
        }
        foreach (Match match in LegacyTagRegex().Matches(source))
        {
            var (line, column) = SourcePosition.Of(source, match.Index);
            var found = Shorten(WholeTag(source, match));
            findings.Add(new LegacyTemplateFinding(line, column, found,
                $"'{found}' is Handlebars syntax, which notice templates no longer use; {Advice(match)} (see {SyntaxPage})"));
        }
        return findings;
    }

    private static string Advice(Match match)
    {
        if (match.Groups["block"].Success)
        {
            return match.Groups["block"].Value switch
            {
                "each" => "write {{ for d in devices }}…{{ end }}",
                "unless" => "write {{ if !x }}…{{ end }}",
                "with" => "write the full path, e.g. {{ patient.name }}",
                _ => "write {{ if x }}…{{ else }}…{{ end }}",
            };
        }
        if (match.Groups["close"].Success)
        {
            return "close a block with {{ end }}";
        }
        if (match.Groups["raw"].Success)
        {
            return "write {{ x }}: every value is escaped where it lands, and there is no unescaped output";
        }
        if (match.Groups["partial"].Success)
        {
            return "a template cannot include other files";
        }
        if (match.Groups["comment"].Success)
        {
            return "write a comment as {{# text }}";
        }
        if (match.Groups["index"].Success)
        {
            return "inside {{ for d in devices }} write for.index (0-based)";
        }
        return match.Groups["root"].Success ? "write the field's full path, e.g. devices" : "name the loop variable, e.g. {{ for d in devices }}{{ d.model }}{{ end }}";
    }

    /// <summary>The tag from its <c>{{</c> to its closing braces, when they are on the same line.</summary>
    private static string WholeTag(string source, Match match)
    {
        var close = source.IndexOf("}}", match.Index + 2, StringComparison.Ordinal);
        var lineEnd = source.IndexOf('\n', match.Index);
        if (close < 0 || (lineEnd >= 0 && close > lineEnd))
        {
            return match.Value.TrimEnd();
        }
        var end = close + 2;
        while (end < source.Length && source[end] == '}' && end - close < 3)
        {
            end++;
        }
        return source[match.Index..end];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // {{#each x}} {{#if}} {{#unless}} {{#with}}, {{/if}}, {{{x}}}, {{&x}}, {{^x}}, {{>partial}}, {{!-- --}}, and, inside a
    // tag, @root / @index / @key / @first / @last and a leading 'this'. '~' is whitespace control in both languages.
    // A '{' right after '{{' is Handlebars' raw output; after a space it is a Scriban object literal. An '@' after a
    // letter or a dot is part of an email address in a string or comment, not a Handlebars variable.
    [GeneratedRegex(@"\{\{(?:(?<raw>\{)|~?\s*(?:\#(?<block>each|if|unless|with)\b|/(?<close>each|if|unless|with)\b|(?<raw>&)|(?<raw>\^)|(?<partial>>)|(?<comment>!--)|(?<this>this\b)|[^}]*?(?<![\w.])@(?<index>index|key|first|last)\b|[^}]*?(?<![\w.])@(?<root>root)\b))")]
    private static partial Regex LegacyTagRegex();
}
