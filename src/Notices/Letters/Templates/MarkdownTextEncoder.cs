using System.Text;
using HandlebarsDotNet;

namespace Notices.Letters.Templates;

/// <summary>
/// Handlebars output encoder for templates whose output is Markdown (letter.md, email.md).
/// It replaces Handlebars' HTML encoding: the HTML email is made by Markdig's HTML renderer,
/// which HTML-escapes the (then literal) text itself.
/// </summary>
public sealed class MarkdownTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Write(text?.ToString(), target);

    public void Encode(string? text, TextWriter target) => Write(text, target);

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }
        var builder = new StringBuilder();
        while (text.MoveNext())
        {
            builder.Append(text.Current);
        }
        Write(builder.ToString(), target);
    }

    private static void Write(string? text, TextWriter target)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        target.Write(MarkdownEscape.Escape(text));
    }
}
