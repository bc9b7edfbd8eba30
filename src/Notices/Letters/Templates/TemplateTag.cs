namespace Notices.Letters.Templates;

/// <summary>One <c>{{...}}</c> occurrence in a template source: its full text, inner content and position.</summary>
public sealed record TemplateTag(string Text, string Content, int Line, int Column);
