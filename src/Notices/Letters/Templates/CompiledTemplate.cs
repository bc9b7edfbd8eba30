using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>One parsed template, its source and its target. Parsed once per campaign; each merge gets its own
/// <see cref="NoticeTemplateContext"/>, so merging is thread-safe.</summary>
internal sealed class CompiledTemplate
{
    private readonly Template _template;
    private readonly string _source;

    private CompiledTemplate(Template template, string source, string file, TemplateTarget target)
    {
        _template = template;
        _source = source;
        File = file;
        Target = target;
    }

    public string File { get; }

    public TemplateTarget Target { get; }

    /// <summary>The syntax tree, for <see cref="TemplateBranchCheck"/>.</summary>
    public ScriptPage Page => _template.Page!;

    /// <summary>Parses <paramref name="source"/>; throws <see cref="NoticeTemplateException"/> at the first Handlebars tag
    /// or syntax error, with its file, line and column.</summary>
    public static CompiledTemplate Parse(string source, string file, TemplateTarget target)
    {
        if (LegacyTemplateSyntax.Find(source) is [var legacy, ..])
        {
            throw new NoticeTemplateException(legacy.Reason, file, legacy.Line, legacy.Column);
        }
        // Scriban reads an unclosed {{ at the end as code up to the end of the file, and says nothing.
        var lastOpen = source.LastIndexOf("{{", StringComparison.Ordinal);
        if (lastOpen >= 0 && source.IndexOf("}}", lastOpen + 2, StringComparison.Ordinal) < 0)
        {
            var (line, column) = SourcePosition.Of(source, lastOpen);
            throw new NoticeTemplateException("template syntax error: '{{' is never closed with '}}'.", file, line, column);
        }
        var template = Template.Parse(source, file);
        if (template.HasErrors || template.Page is null)
        {
            var error = template.Messages.FirstOrDefault(m => m.Type == ParserMessageType.Error) ?? template.Messages.FirstOrDefault();
            throw error is null
                ? new NoticeTemplateException("template syntax error.", file, null)
                : TemplateErrors.FromParser(error, file, source);
        }
        TemplateRules.Check(template.Page, file, target);
        return new CompiledTemplate(template, source, file, target);
    }

    public string Render(ScriptObject model, LetterFacts letter)
    {
        var context = NoticeTemplateContext.Rent(Target, letter);
        context.PushGlobal(model);
        // The merge's own variables ({{ x = … }}) go here, not into the model shared by the letter's other templates.
        context.PushGlobal(new ScriptObject());
        try
        {
            var text = _template.Render(context);
            NoticeTemplateContext.Return(context);
            return text;
        }
        catch (ScriptRuntimeException ex)
        {
            throw TemplateErrors.FromRuntime(ex, File, _source);
        }
    }
}
