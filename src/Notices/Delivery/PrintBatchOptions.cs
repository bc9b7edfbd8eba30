namespace Notices.Delivery;

/// <summary>Settings for <see cref="PrintBatchChannel"/>.</summary>
public sealed record PrintBatchOptions
{
    /// <summary>Where batch-0001.pdf… and manifest.csv go, e.g. out/&lt;campaign&gt;/print/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Most letters in one batch file; a batch is also closed by CompleteAsync.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>Pad every letter to an even page count with a blank page, so duplex printing never puts the first
    /// page of one letter on the back of the previous letter's last sheet.</summary>
    public bool PadToEvenPages { get; init; } = true;
    /// <summary>A letter whose identical PDF (same SHA-256) is already in an existing batch of the manifest is not
    /// printed again; PrintBatched is recorded for the existing place (detail reused=true). This makes a re-run after
    /// a crash between writing a batch and logging it idempotent. Turn off to print deliberately again.</summary>
    public bool ReuseBatchedLetters { get; init; } = true;
}
