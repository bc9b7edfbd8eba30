using Scriban.Runtime;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>
/// Checks, without merging, that every field path in a template resolves against the letter model, in every branch:
/// both sides of each <c>{{ if }}</c>/<c>{{ else }}</c>, every <c>{{ case }}</c>, and loop bodies with the loop
/// variable standing for an item of its list. A merge only meets the branches its letter takes, so a typo behind
/// <c>{{ if patient.country == "NO" }}</c> would otherwise first show mid-campaign. Throws <see cref="TemplateFieldException"/>.
/// </summary>
internal sealed class TemplateBranchCheck : ScriptVisitor
{
    // A value whose shape is not known statically (a template's own variable, a loop over a computed list):
    // paths through it are left to the merge.
    private static readonly object s_unknown = new();

    private readonly CompiledTemplate _template;
    private readonly ScriptObject _model;
    private readonly HashSet<string> _defined;
    private readonly List<(string Name, object? Item)> _loopVariables = [];
    private int _withDepth;
    private int _whileDepth;

    private TemplateBranchCheck(CompiledTemplate template, ScriptObject model)
    {
        _template = template;
        _model = model;
        _defined = DefinedNames.In(template.Page);
        _defined.UnionWith(TemplateFunctions.Names(template.Target));
    }

    /// <summary>Checks one template against <paramref name="model"/>, a model with every optional field filled in.</summary>
    public static void Check(CompiledTemplate template, ScriptObject model) => new TemplateBranchCheck(template, model).Visit(template.Page);

    public override void Visit(ScriptMemberExpression node) => Shape(node);

    public override void Visit(ScriptIndexerExpression node) => Shape(node);

    public override void Visit(ScriptVariableGlobal node) => Resolve(node);

    public override void Visit(ScriptForStatement node)
    {
        var list = Shape(node.Iterator);
        Visit(node.NamedArguments);
        var pushed = node.Variable is ScriptVariableGlobal;
        if (node.Variable is ScriptVariableGlobal variable)
        {
            _loopVariables.Add((variable.Name, list is System.Collections.IList { Count: > 0 } items ? items[0] : s_unknown));
        }
        Visit(node.Body);
        if (pushed)
        {
            _loopVariables.RemoveAt(_loopVariables.Count - 1);
        }
        Visit(node.Else);
    }

    public override void Visit(ScriptWhileStatement node)
    {
        _whileDepth++;
        DefaultVisit(node);
        _whileDepth--;
    }

    public override void Visit(ScriptWithStatement node)
    {
        Visit(node.Name);
        _withDepth++;
        Visit(node.Body);
        _withDepth--;
    }

    public override void Visit(ScriptAssignExpression node)
    {
        if (node.Target is not ScriptVariable)
        {
            Visit(node.Target);
        }
        Visit(node.Value);
    }

    public override void Visit(ScriptObjectMember node) => Visit(node.Value);

    public override void Visit(ScriptNamedArgument node) => Visit(node.Value);

    public override void Visit(ScriptFunction node) => Visit(node.Body);

    private object? Resolve(ScriptVariableGlobal variable)
    {
        for (var i = _loopVariables.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_loopVariables[i].Name, variable.Name, StringComparison.Ordinal))
            {
                return _loopVariables[i].Item;
            }
        }
        if (_model.TryGetValue(variable.Name, out var value))
        {
            return value;
        }
        if (_withDepth > 0 || _defined.Contains(variable.Name)
            || (_loopVariables.Count > 0 && variable.Name is "for" or "while")
            || (_whileDepth > 0 && variable.Name == "while"))
        {
            return s_unknown;
        }
        throw Unknown(variable.Name, variable);
    }

    /// <summary>
    /// What an expression stands for in the full model, checking each member on the way: a field path
    /// (<c>patient.name</c>), an item of a list (<c>devices[0].model</c>: any index stands for the first device) or, for
    /// anything else (a call, a literal, a value the template computes), unknown after checking what it is made of.
    /// </summary>
    private object? Shape(ScriptExpression? expression)
    {
        switch (expression)
        {
            case ScriptVariableGlobal variable:
                return Resolve(variable);
            case ScriptMemberExpression { Member: { } member } access:
                var target = Shape(access.Target);
                if (target is not ScriptObject scope)
                {
                    return s_unknown; // null, a list or unknown: nothing more is known statically
                }
                return scope.TryGetValue(member.Name, out var value) ? value : throw Unknown(access.ToString(), RootOf(access));
            case ScriptIndexerExpression indexer:
                var list = Shape(indexer.Target);
                Visit(indexer.Index);
                if (list is System.Collections.IList { Count: > 0 } items)
                {
                    return items[0];
                }
                if (list is ScriptObject keyed && indexer.Index is ScriptLiteral { Value: string key })
                {
                    return keyed.TryGetValue(key, out var keyedValue) ? keyedValue : throw Unknown(indexer.ToString(), RootOf(indexer));
                }
                return s_unknown;
            default:
                Visit(expression);
                return s_unknown;
        }
    }

    private static ScriptNode RootOf(ScriptExpression expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ScriptMemberExpression { Target: { } target }:
                    expression = target;
                    break;
                case ScriptIndexerExpression { Target: { } target }:
                    expression = target;
                    break;
                default:
                    return expression;
            }
        }
    }

    private TemplateFieldException Unknown(string path, ScriptNode at) =>
        new(path, _template.File, at.Span.Start.Line + 1, at.Span.Start.Column + 1);
}
