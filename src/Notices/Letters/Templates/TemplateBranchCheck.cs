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

    public override void Visit(ScriptMemberExpression node)
    {
        var members = new List<ScriptVariable>();
        ScriptExpression? target = node;
        while (target is ScriptMemberExpression member && member.Member is { } name)
        {
            members.Insert(0, name);
            target = member.Target;
        }
        if (target is not ScriptVariableGlobal root)
        {
            // An indexer's or a call's result: check what it is made of; its members are left to the merge.
            Visit(target);
            return;
        }

        var value = Resolve(root);
        var path = root.Name;
        foreach (var member in members)
        {
            if (value is not ScriptObject scope)
            {
                return; // null, a list or unknown: nothing more is known statically
            }
            path += "." + member.Name;
            if (!scope.TryGetValue(member.Name, out value))
            {
                throw Unknown(path, root);
            }
        }
    }

    public override void Visit(ScriptVariableGlobal node) => Resolve(node);

    public override void Visit(ScriptForStatement node)
    {
        Visit(node.Iterator);
        Visit(node.NamedArguments);
        var pushed = node.Variable is ScriptVariableGlobal variable;
        if (pushed)
        {
            _loopVariables.Add((((ScriptVariableGlobal)node.Variable!).Name, ItemOf(node.Iterator)));
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

    /// <summary>The first item of the list a loop runs over, when it is a list of the model; else unknown.</summary>
    private object? ItemOf(ScriptExpression? iterator)
    {
        var members = new List<string>();
        var target = iterator;
        while (target is ScriptMemberExpression member && member.Member is { } name)
        {
            members.Insert(0, name.Name);
            target = member.Target;
        }
        if (target is not ScriptVariableGlobal root)
        {
            return s_unknown;
        }
        var value = Resolve(root);
        foreach (var name in members)
        {
            value = value is ScriptObject scope && scope.TryGetValue(name, out var next) ? next : s_unknown;
        }
        return value is System.Collections.IList { Count: > 0 } list ? list[0] : s_unknown;
    }

    private TemplateFieldException Unknown(string path, ScriptNode at) =>
        new(path, _template.File, at.Span.Start.Line + 1, at.Span.Start.Column + 1);
}
