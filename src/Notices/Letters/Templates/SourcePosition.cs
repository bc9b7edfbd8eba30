namespace Notices.Letters.Templates;

/// <summary>The 1-based line and column of a character offset in a template's source.</summary>
internal static class SourcePosition
{
    public static (int Line, int Column) Of(string source, int index)
    {
        index = Math.Clamp(index, 0, source.Length);
        var line = source.AsSpan(0, index).Count('\n') + 1;
        var lineStart = index == 0 ? 0 : source.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }
}
