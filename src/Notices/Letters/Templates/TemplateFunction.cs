using System.Globalization;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>
/// One of the product's own template functions (docs/templates.md). Checks the number of arguments and hands the
/// function the merge's <see cref="NoticeTemplateContext"/> and the caller's span, so its errors point at the template.
/// </summary>
internal abstract class TemplateFunction : IScriptCustomFunction
{
    private readonly int _required;
    private readonly int _maximum;

    protected TemplateFunction(string name, int required, int maximum, string example)
    {
        Name = name;
        Example = example;
        _required = required;
        _maximum = maximum;
    }

    public string Name { get; }

    /// <summary>A correct call, quoted in errors.</summary>
    public string Example { get; }

    public int RequiredParameterCount => _required;

    public int ParameterCount => _maximum;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index.ToString(CultureInfo.InvariantCulture));

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? context.CurrentSpan;
        if (arguments.Count < _required || arguments.Count > _maximum)
        {
            throw Fail(span, $"'{Name}' takes {Arity()}; write {Example}");
        }
        if (context is not NoticeTemplateContext notice)
        {
            throw Fail(span, $"'{Name}' only works in a notice template");
        }
        return Call(notice, span, arguments);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    protected abstract object? Call(NoticeTemplateContext context, SourceSpan span, ScriptArray arguments);

    protected ScriptRuntimeException Fail(SourceSpan span, string reason) => new(span, reason);

    private string Arity() => (_required, _maximum) switch
    {
        (0, 0) => "no argument",
        var (r, m) when r == m => $"{r} argument{(r == 1 ? "" : "s")}",
        var (r, m) => $"{r} to {m} arguments",
    };
}
