using System.Globalization;
using Notices.Campaigns;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>
/// The Scriban context of one merge: strict, sandboxed and escaping.
/// <list type="bullet">
/// <item>Strict: an undefined variable or function, a missing member, a member of null and an index out of range all
/// throw, with the span of the expression.</item>
/// <item>Sandboxed: the template sees the letter model and <see cref="TemplateFunctions"/> only (none of Scriban's
/// built-in functions, no reflected .NET member, no include, no import), within <see cref="TemplateLimits"/>.</item>
/// <item>Escaping: every expression's value is escaped for <see cref="Target"/> in <see cref="Write(SourceSpan, object?)"/>,
/// the one place the engine writes a value, so no template can forget it. Only <see cref="TrustedMarkdown"/> passes as it is.</item>
/// </list>
/// </summary>
public sealed class NoticeTemplateContext : TemplateContext
{
    private static readonly CultureInfo s_danish = CultureInfo.GetCultureInfo("da-DK");

    // One context per thread and target, reused from letter to letter: building one costs more than the merge itself.
    // A context whose merge threw is not reused (its scopes may be left open).
    [ThreadStatic]
    private static NoticeTemplateContext? t_markdown;

    [ThreadStatic]
    private static NoticeTemplateContext? t_plainText;

    private readonly LimitedOutput _output;

    private NoticeTemplateContext(TemplateTarget target)
        : base(TemplateFunctions.For(target))
    {
        Target = target;
        Letter = new LetterFacts([], false);
        _output = new LimitedOutput(this, TemplateLimits.OutputCharacters);
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedIndexerAccess = false;
        EnableRelaxedFunctionAccess = false;
        LoopLimit = TemplateLimits.Loops;
        RecursiveLimit = TemplateLimits.Recursion;
        // Scriban would cut the output at LimitToString with "..." and carry on; a cut letter must fail instead.
        LimitToString = 0;
        TemplateLoader = null;
        MemberFilter = static _ => false;
        NewLine = "\n";
        AutoIndent = false;
    }

    /// <summary>A clean context for one merge of <paramref name="letter"/>, with nothing of the merge before it.</summary>
    internal static NoticeTemplateContext Rent(TemplateTarget target, LetterFacts letter)
    {
        var context = target == TemplateTarget.Markdown ? t_markdown : t_plainText;
        if (context is null)
        {
            context = new NoticeTemplateContext(target);
        }
        else if (target == TemplateTarget.Markdown)
        {
            t_markdown = null;
        }
        else
        {
            t_plainText = null;
        }

        context.Reset(); // back to the built-in functions only: no model, variables, culture or output of the last merge
        context.PushCulture(s_danish);
        context._output.Clear();
        context.PushOutput(context._output);
        context.Letter = letter;
        return context;
    }

    /// <summary>Hands back a context whose merge finished, for the next letter on this thread.</summary>
    internal static void Return(NoticeTemplateContext context)
    {
        context.Letter = new LetterFacts([], false);
        if (context.Target == TemplateTarget.Markdown)
        {
            t_markdown = context;
        }
        else
        {
            t_plainText = context;
        }
    }

    /// <summary>Where the output lands: decides the escaping.</summary>
    public TemplateTarget Target { get; }

    /// <summary>What the product's functions need of the letter being merged.</summary>
    internal LetterFacts Letter { get; private set; }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is TrustedMarkdown trusted && Target == TemplateTarget.Markdown)
        {
            return Write(trusted.Markdown);
        }

        var text = textAsObject is null ? null : ObjectToString(textAsObject);
        return string.IsNullOrEmpty(text) ? this : Write(Escape(text));
    }

    /// <summary>
    /// Checks every value a template computes, not only what it writes: a text built in memory (<c>{{ x = x + x }}</c>
    /// in a loop) fails at the output limit instead of growing until the process runs out of memory, and so does a list.
    /// </summary>
    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        var value = base.Evaluate(scriptNode, aliasReturnedFunction);
        if (value is string { Length: > TemplateLimits.OutputCharacters } || value is ScriptArray { Count: > TemplateLimits.Loops })
        {
            throw new ScriptRuntimeException(scriptNode?.Span ?? CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"a value of more than {(value is string ? TemplateLimits.OutputCharacters : TemplateLimits.Loops):N0} {(value is string ? "characters (the output limit)" : "items (the loop limit)")}; check the loops"));
        }
        return value;
    }

    public override string? ObjectToString(object? value, bool nested = false) => value switch
    {
        DateOnly date => DanishDates.LongDate(date),
        TrustedMarkdown trusted => trusted.Markdown,
        _ => base.ObjectToString(value, nested),
    };

    public override void Import(SourceSpan span, object objectToImport) =>
        throw new ScriptRuntimeException(span, "'import' is not available in notice templates");

    private string Escape(string text) => Target switch
    {
        TemplateTarget.Markdown => MarkdownEscape.Escape(text),
        _ => OneLine(text),
    };

    // A header value: a line break would end the header (or start a new one), so each becomes a space.
    private static string OneLine(string text) =>
        text.IndexOfAny(['\r', '\n']) < 0 ? text : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
}
