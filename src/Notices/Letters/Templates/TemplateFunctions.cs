using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary>
/// The only functions a notice template can call (docs/templates.md): none of Scriban's built-ins (no include, no
/// eval of a string as a template, no clock), just the product's own. One read-only set per target, shared by every merge.
/// </summary>
internal static class TemplateFunctions
{
    private static readonly ScriptObject s_markdown = Build(
        [new DanishDateFunction(), new JoinListFunction(), new LargePrintFunction(), new DeviceTableFunction()]);

    // The device table is Markdown: it has no place in a one-line subject.
    private static readonly ScriptObject s_plainText = Build([new DanishDateFunction(), new JoinListFunction(), new LargePrintFunction()]);

    public static ScriptObject For(TemplateTarget target) => target == TemplateTarget.Markdown ? s_markdown : s_plainText;

    /// <summary>The names a template can call in <paramref name="target"/>.</summary>
    public static IEnumerable<string> Names(TemplateTarget target) => For(target).Keys;

    private static ScriptObject Build(IEnumerable<TemplateFunction> functions)
    {
        var builtins = new ScriptObject();
        foreach (var function in functions)
        {
            builtins.SetValue(function.Name, function, readOnly: true);
        }
        builtins.IsReadOnly = true;
        return builtins;
    }
}
