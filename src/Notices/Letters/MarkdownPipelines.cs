using Markdig;

namespace Notices.Letters;

/// <summary>The one Markdig pipeline the letter, the HTML email and the plain-text email are all parsed with.</summary>
public static class MarkdownPipelines
{
    /// <summary>Pipe tables and emphasis extras; raw HTML is never trusted (merged data is escaped before parsing).</summary>
    public static MarkdownPipeline Letter { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();
}
