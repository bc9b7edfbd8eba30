namespace Notices.Runs;

public sealed record BounceRerouteOptions
{
    /// <summary>The send output directory: letters are read from, and print batches written to, &lt;out&gt;/&lt;campaign&gt;/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Put bounced letters in a print batch (the default). Off: they stay Failed and are listed.</summary>
    public bool PrintFallback { get; init; } = true;
    public int BatchSize { get; init; } = 500;
}
