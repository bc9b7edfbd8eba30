using System.Globalization;

namespace Notices.Letters.Templates;

/// <summary>
/// A notice template could not be parsed or merged. Its message starts <c>file:line:column: reason</c> (line and column
/// 1-based) so an editor can jump to the spot, and never contains patient data.
/// </summary>
public class NoticeTemplateException : Exception
{
    public NoticeTemplateException(string reason, string templateFile, int? line, int? column = null, Exception? innerException = null)
        : base(Location(templateFile, line, column) + ": " + reason, innerException)
    {
        TemplateFile = templateFile;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Path (or name) of the template, e.g. templates/fa830/letter.md.</summary>
    public string TemplateFile { get; }

    /// <summary>1-based line in the template, or null when it could not be located.</summary>
    public int? Line { get; }

    /// <summary>1-based column in the template, or null when it could not be located.</summary>
    public int? Column { get; }

    /// <summary>The reason alone, without the location.</summary>
    public string Reason { get; }

    /// <summary><c>file:line:column</c>, or as much of it as is known.</summary>
    public static string Location(string templateFile, int? line, int? column) => (line, column) switch
    {
        ({ } l, { } c) => string.Create(CultureInfo.InvariantCulture, $"{templateFile}:{l}:{c}"),
        ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"{templateFile}:{l}"),
        _ => templateFile,
    };
}
