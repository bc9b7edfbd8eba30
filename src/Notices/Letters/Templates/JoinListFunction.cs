using System.Collections;
using System.Globalization;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary><c>{{ liste sender.address_lines }}</c>: a list's non-blank items joined with ", " (or a given separator).
/// The result is text like any other value, so it is escaped where it lands.</summary>
internal sealed class JoinListFunction() : TemplateFunction("liste", 1, 2, "{{ liste sender.address_lines }} or {{ liste sender.address_lines \" / \" }}")
{
    protected override object? Call(NoticeTemplateContext context, SourceSpan span, ScriptArray arguments)
    {
        if (arguments[0] is not IEnumerable items || arguments[0] is string)
        {
            throw Fail(span, "'liste' expects a list, e.g. sender.address_lines");
        }
        var separator = arguments.Count > 1 && arguments[1] is { } given ? context.ObjectToString(given) ?? ", " : ", ";
        var texts = items.Cast<object?>()
            .Select(item => item is null ? null : Convert.ToString(context.ObjectToString(item), CultureInfo.InvariantCulture))
            .Where(text => !string.IsNullOrWhiteSpace(text));
        return string.Join(separator, texts);
    }
}
