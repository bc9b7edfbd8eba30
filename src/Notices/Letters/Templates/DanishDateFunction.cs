using System.Globalization;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary><c>{{ dato letter.date }}</c>: a Danish long date, "7. december 2026". Takes a date or "åååå-mm-dd".</summary>
internal sealed class DanishDateFunction() : TemplateFunction("dato", 1, 1, "{{ dato letter.date }}")
{
    protected override object? Call(NoticeTemplateContext context, SourceSpan span, ScriptArray arguments) => arguments[0] switch
    {
        DateOnly date => DanishDates.LongDate(date),
        DateTime dateTime => DanishDates.LongDate(dateTime),
        DateTimeOffset offset => DanishDates.LongDate(offset.Date),
        string text when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            => DanishDates.LongDate(parsed),
        null => throw Fail(span, "'dato' got no date (the field is empty)"),
        _ => throw Fail(span, "'dato' expects a date, or text written yyyy-mm-dd"),
    };
}
