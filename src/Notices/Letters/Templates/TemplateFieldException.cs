namespace Notices.Letters.Templates;

/// <summary>
/// A template refers to a field (or helper) the letter model does not have, e.g. <c>{{patient.nme}}</c>.
/// </summary>
public sealed class TemplateFieldException : NoticeTemplateException
{
    public TemplateFieldException(string field, string templateFile, int? line, string? expression, Exception? innerException = null)
        : base(BuildMessage(field, templateFile, line, expression), templateFile, line, innerException)
    {
        Field = field;
        Expression = expression;
    }

    /// <summary>The field path as Handlebars resolved it, e.g. "patient.nme".</summary>
    public string Field { get; }

    /// <summary>The <c>{{...}}</c> expression in the template that uses the field, when found.</summary>
    public string? Expression { get; }

    private static string BuildMessage(string field, string templateFile, int? line, string? expression)
    {
        var where = Location(templateFile, line);
        var what = expression is null ? string.Empty : $" i {expression}";
        return $"{where}: ukendt felt '{field}'{what}. Se listen over felter i README (Flettefelter).";
    }
}
