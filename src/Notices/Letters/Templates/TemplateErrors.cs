using System.Text.RegularExpressions;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>
/// Turns Scriban's parser messages and runtime exceptions into <see cref="NoticeTemplateException"/>s located by
/// <c>file:line:column</c>. An unknown variable, function or member becomes a <see cref="TemplateFieldException"/>
/// naming the path as written (<c>patient.nme</c>), read back from the template source at the span.
/// </summary>
internal static partial class TemplateErrors
{
    public static NoticeTemplateException FromParser(LogMessage message, string file, string source)
    {
        // Scriban notices a missing end only where it runs out of text; the opening tag is where the author must look.
        if (UnclosedBlockFinder.Find(source) is { } block)
        {
            return new($"template syntax error: '{block.Tag}' is never closed with {{{{ end }}}}.", file, block.Line, block.Column);
        }
        return new($"template syntax error: {Sentence(message.Message)}", file, message.Span.Start.Line + 1, message.Span.Start.Column + 1);
    }

    public static NoticeTemplateException FromRuntime(ScriptRuntimeException ex, string file, string source)
    {
        var start = ex.Span.Start;
        int? line = start.Line >= 0 ? start.Line + 1 : null;
        int? column = start.Column >= 0 ? start.Column + 1 : null;
        var original = ex.OriginalMessage;
        if (UnknownVariableRegex().IsMatch(original) || original.StartsWith("Cannot get member with name", StringComparison.Ordinal))
        {
            var (field, fieldStart) = PathEndingAt(source, start.Offset, ex.Span.End.Offset);
            var (fieldLine, fieldColumn) = fieldStart == start.Offset ? (line, column) : SourcePosition.Of(source, fieldStart);
            return new TemplateFieldException(field, file, fieldLine, fieldColumn, ex);
        }
        if (original.StartsWith("Cannot get the member", StringComparison.Ordinal))
        {
            return new NoticeTemplateException($"{Sentence(original)} Test the field first: {{{{ if x }}}}…{{{{ end }}}}", file, line, column, ex);
        }
        if (original.Contains("readonly", StringComparison.OrdinalIgnoreCase) || original.Contains("read-only", StringComparison.OrdinalIgnoreCase))
        {
            return new NoticeTemplateException("the letter's fields are read-only; set a name of your own instead, e.g. {{ n = device_count }}.", file, line, column, ex);
        }
        return new NoticeTemplateException(Sentence(WithoutValues(original)) + Snippet(source, ex.Span), file, line, column, ex);
    }

    /// <summary>Scriban quotes values in its messages (<c>Invalid target function `Ayşe`</c>), and a value may be patient
    /// data: every quoted text but a number is dropped. The template's own text at the span says where instead.</summary>
    private static string WithoutValues(string message) => QuotedValueRegex().Replace(message, "…");

    private static string Snippet(string source, SourceSpan span)
    {
        var start = span.Start.Offset;
        var end = span.End.Offset + 1;
        if (start < 0 || start >= source.Length || end <= start)
        {
            return string.Empty;
        }
        var text = source[start..Math.Min(end, source.Length)];
        var lineBreak = text.IndexOfAny(['\r', '\n']);
        text = (lineBreak < 0 ? text : text[..lineBreak]).Trim();
        return text.Length == 0 ? string.Empty : $" (at '{(text.Length <= 60 ? text : text[..60] + "…")}')";
    }

    /// <summary>The dotted path that ends with the span (e.g. "patient.nme" for the span of "nme"), and where it starts.</summary>
    private static (string Path, int Start) PathEndingAt(string source, int spanStart, int spanEnd)
    {
        if (spanStart < 0 || spanStart >= source.Length)
        {
            return ("?", spanStart);
        }
        var end = Math.Clamp(spanEnd + 1, spanStart + 1, source.Length);
        var first = spanStart;
        while (first > 0 && IsPathChar(source[first - 1]))
        {
            first--;
        }
        var last = spanStart;
        while (last < end && IsPathChar(source[last]))
        {
            last++;
        }
        var path = source[first..last].Trim('.');
        return (path.Length == 0 ? source[spanStart..end] : path, first);
    }

    private static bool IsPathChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.';

    private static string Sentence(string message)
    {
        var text = message.Trim();
        return text.EndsWith('.') ? text : text + ".";
    }

    [GeneratedRegex("`(?![0-9]+`)[^`]*`")]
    private static partial Regex QuotedValueRegex();

    [GeneratedRegex("^The variable or function `.*` was not found")]
    private static partial Regex UnknownVariableRegex();
}
