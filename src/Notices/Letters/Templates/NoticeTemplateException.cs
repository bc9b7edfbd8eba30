namespace Notices.Letters.Templates;

/// <summary>
/// A notice template could not be compiled or merged. Carries the template file and, where it could be found,
/// the 1-based line, so <c>plan</c> can point the author at the spot. The message never contains patient data.
/// </summary>
public class NoticeTemplateException : Exception
{
    public NoticeTemplateException(string message, string templateFile, int? line, Exception? innerException = null)
        : base(message, innerException)
    {
        TemplateFile = templateFile;
        Line = line;
    }

    /// <summary>Path (or name) of the template, e.g. templates/fa830/letter.md.</summary>
    public string TemplateFile { get; }

    /// <summary>1-based line in the template, or null when it could not be located.</summary>
    public int? Line { get; }

    internal static string Location(string templateFile, int? line) =>
        line is { } l ? $"{templateFile}, linje {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : templateFile;
}
