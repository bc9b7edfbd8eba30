namespace Notices.Letters.Templates;

/// <summary>
/// Markdown the product built itself (the device table), written into a letter as it is, without escaping.
/// Only the product's own template functions make one, and they escape every patient or device value they put in it;
/// no template function turns a template's string into one, so patient data cannot take this path unescaped.
/// </summary>
public sealed class TrustedMarkdown
{
    internal TrustedMarkdown(string markdown) => Markdown = markdown;

    public string Markdown { get; }

    // Used only when a template concatenates it with text: the result is a plain string and is escaped as such.
    public override string ToString() => Markdown;
}
