namespace Notices.Letters.Templates;

/// <summary>
/// A template refers to a field or function the letter model does not have, e.g. <c>{{ patient.nme }}</c>.
/// </summary>
public sealed class TemplateFieldException : NoticeTemplateException
{
    public const string FieldListPage = "docs/templates.md";

    public TemplateFieldException(string field, string templateFile, int? line, int? column, Exception? innerException = null)
        : base($"unknown field or function '{field}'; the fields and functions are listed in {FieldListPage}", templateFile, line, column, innerException)
    {
        Field = field;
    }

    /// <summary>The field path as written in the template, e.g. "patient.nme" or, in a loop, "d.modle".</summary>
    public string Field { get; }
}
