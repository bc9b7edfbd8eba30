using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>The global names a template defines itself: <c>{{ x = … }}</c>, <c>{{ func x(a, b) }}</c> and its
/// parameters (<c>capture</c> never gets here: <see cref="TemplateRules"/> refuses it), which <see cref="TemplateBranchCheck"/> accepts wherever they are used.</summary>
internal sealed class DefinedNames : ScriptVisitor
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public static HashSet<string> In(ScriptNode page)
    {
        var visitor = new DefinedNames();
        visitor.Visit(page);
        return visitor._names;
    }

    public override void Visit(ScriptAssignExpression node)
    {
        Add(node.Target);
        DefaultVisit(node);
    }

    public override void Visit(ScriptFunction node)
    {
        Add(node.NameOrDoToken as ScriptExpression);
        if (node.Parameters is { } parameters)
        {
            foreach (var parameter in parameters)
            {
                Add(parameter.Name);
            }
        }
        DefaultVisit(node);
    }

    private void Add(ScriptExpression? target)
    {
        if (target is ScriptVariableGlobal variable)
        {
            _names.Add(variable.Name);
        }
    }
}
