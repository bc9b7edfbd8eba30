using Scriban.Parsing;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary><c>{{ if storskrift }}…{{ end }}</c>: true when this letter is made in large print (the patient's
/// <c>large_print</c>, or <c>preview --large-print</c>), whose whole layout is enlarged by the composer.</summary>
internal sealed class LargePrintFunction() : TemplateFunction("storskrift", 0, 0, "{{ if storskrift }}…{{ end }}")
{
    protected override object? Call(NoticeTemplateContext context, SourceSpan span, ScriptArray arguments) => context.Letter.LargePrint;
}
