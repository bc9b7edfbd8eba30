using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>
/// What a notice template may not do, checked on the syntax tree when it is parsed:
/// <list type="bullet">
/// <item><c>capture</c>, <c>wrap</c> and <c>tablerow</c>: their output bypasses the merge's escaping and output limit
/// (a captured text would be escaped twice, and could grow without bound).</item>
/// <item>Redefine a field of the letter or one of the product's functions (<c>{{ letter = … }}</c>,
/// <c>{{ func dato }}</c>, <c>{{ for patient in … }}</c>): the letter would say something else than its record.</item>
/// </list>
/// </summary>
internal sealed class TemplateRules : ScriptVisitor
{
    private readonly string _file;
    private readonly HashSet<string> _functions;

    private TemplateRules(string file, TemplateTarget target)
    {
        _file = file;
        _functions = new HashSet<string>(TemplateFunctions.Names(target), StringComparer.Ordinal);
    }

    public static void Check(ScriptPage page, string file, TemplateTarget target) => new TemplateRules(file, target).Visit(page);

    public override void Visit(ScriptCaptureStatement node) => throw NotAvailable("capture", node);

    public override void Visit(ScriptWrapStatement node) => throw NotAvailable("wrap", node);

    public override void Visit(ScriptTableRowStatement node) => throw NotAvailable("tablerow", node);

    public override void Visit(ScriptAssignExpression node)
    {
        CheckName(node.Target);
        DefaultVisit(node);
    }

    public override void Visit(ScriptFunction node)
    {
        CheckName(node.NameOrDoToken as ScriptExpression);
        DefaultVisit(node);
    }

    public override void Visit(ScriptForStatement node)
    {
        CheckName(node.Variable);
        DefaultVisit(node);
    }

    private void CheckName(ScriptExpression? target)
    {
        if (target is not ScriptVariableGlobal variable)
        {
            return;
        }
        var what = LetterModelBuilder.TopLevelNames.Contains(variable.Name) ? "a field of the letter"
            : _functions.Contains(variable.Name) ? "one of the product's functions"
            : null;
        if (what is not null)
        {
            throw new NoticeTemplateException(
                $"'{variable.Name}' is {what}, which a template cannot redefine; choose a name of your own (see {TemplateFieldException.FieldListPage})",
                _file, variable.Span.Start.Line + 1, variable.Span.Start.Column + 1);
        }
    }

    private NoticeTemplateException NotAvailable(string statement, ScriptNode node) => new(
        $"'{statement}' is not available in notice templates: write the text where it belongs (see {TemplateFieldException.FieldListPage})",
        _file, node.Span.Start.Line + 1, node.Span.Start.Column + 1);
}
