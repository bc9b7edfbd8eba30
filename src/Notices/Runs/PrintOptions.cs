using Notices.Printing;

namespace Notices.Runs;

/// <summary>What one <c>notices print</c> (or <c>send --printer</c>) does.</summary>
public sealed record PrintOptions
{
    public required string Queue { get; init; }

    /// <summary>The --out folder: batches are read from out/&lt;campaign&gt;/print/.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Print this batch number again on purpose (<c>--batch N</c>); null prints what is not printed yet.</summary>
    public int? Batch { get; init; }

    public string Sides { get; init; } = PrintSides.TwoSidedLongEdge;

    /// <summary>How long to follow the jobs before leaving them submitted for a later run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
