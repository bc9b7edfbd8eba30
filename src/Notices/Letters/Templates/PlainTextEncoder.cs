using System.Text;
using HandlebarsDotNet;

namespace Notices.Letters.Templates;

/// <summary>Handlebars output encoder for one-line plain text (the email subject): line breaks become spaces.</summary>
public sealed class PlainTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Write(text?.ToString(), target);

    public void Encode(string? text, TextWriter target) => Write(text, target);

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }
        while (text.MoveNext())
        {
            target.Write(IsLineBreak(text.Current) ? ' ' : text.Current);
        }
    }

    private static void Write(string? text, TextWriter target)
    {
        if (text is null)
        {
            return;
        }
        foreach (var c in text)
        {
            target.Write(IsLineBreak(c) ? ' ' : c);
        }
    }

    private static bool IsLineBreak(char c) => c is '\r' or '\n';
}
