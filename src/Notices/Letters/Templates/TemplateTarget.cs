namespace Notices.Letters.Templates;

/// <summary>Where a template's output lands, which decides how each expression's value is escaped.</summary>
public enum TemplateTarget
{
    /// <summary>letter.md, email.md, reminder.md: Markdown, rendered to the PDF and (by Markdig) to the HTML email.</summary>
    Markdown,

    /// <summary>The email subject: one line of plain text in a header, where a line break must not survive.</summary>
    PlainText,
}
