namespace Notices.Letters.Templates;

/// <summary>One piece of Handlebars syntax in a template: where it is (1-based), the tag, and the reason with what to
/// write instead.</summary>
public sealed record LegacyTemplateFinding(int Line, int Column, string Found, string Reason);
