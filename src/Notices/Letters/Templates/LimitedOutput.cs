using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Notices.Letters.Templates;

/// <summary>A merge's output, which fails (at the expression being written) once it exceeds its limit, instead of
/// letting a runaway template fill memory or, as Scriban's own limit does, cut the letter short in silence.</summary>
internal sealed class LimitedOutput : IScriptOutput
{
    private readonly StringBuilder _builder = new(8 * 1024);
    private readonly TemplateContext _context;
    private readonly int _limit;

    public LimitedOutput(TemplateContext context, int limit)
    {
        _context = context;
        _limit = limit;
    }

    public void Write(string text, int offset, int count)
    {
        if (_builder.Length + count > _limit)
        {
            throw new ScriptRuntimeException(_context.CurrentSpan,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the merged text would exceed {_limit:N0} characters (the output limit); check the loops"));
        }
        _builder.Append(text, offset, count);
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    public void Clear() => _builder.Clear();

    public override string ToString() => _builder.ToString();
}
