using System.Text;

namespace Notices.Letters.Templates;

/// <summary>
/// Makes a data value safe to insert into Markdown: after parsing, the reader sees exactly the value.
/// </summary>
/// <remarks>
/// CommonMark lets a backslash escape any ASCII punctuation character, so every one of them is escaped
/// (this also neutralises <c>&amp;</c> entities, <c>|</c> in pipe tables, <c>&lt;</c> HTML and <c>{{</c>).
/// Line breaks and tabs become spaces: a value must not be able to start a new Markdown block.
/// </remarks>
public static class MarkdownEscape
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        Append(builder, value);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n')
            {
                continue; // CRLF: the LF that follows becomes the one space
            }
            AppendChar(builder, c);
        }
    }

    public static void AppendChar(StringBuilder builder, char c)
    {
        if (IsAsciiPunctuation(c))
        {
            builder.Append('\\');
            builder.Append(c);
        }
        else if (c is '\r' or '\n' or '\t' or '\f' or '\v')
        {
            builder.Append(' ');
        }
        else
        {
            builder.Append(c);
        }
    }

    public static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');
}
