using Notices.Campaigns;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>Settings for <see cref="PrintBatchChannel"/>.</summary>
public sealed record PrintBatchOptions
{
    /// <summary>Where batch-0001.pdf… and manifest.csv go, e.g. out/&lt;campaign&gt;/print/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The campaign the batches belong to (for the campaign-level seal events).</summary>
    public required string CampaignId { get; init; }
    /// <summary>
    /// The batches the ledger records as sealed, by file name, with the SHA-256 of the batch PDF and of its manifest
    /// rows. Only these exist: any other batch file in the folder was left by a run that stopped before sealing it, and
    /// is set aside so that no one prints it. manifest.csv is rebuilt from the sealed rows files, so one that is
    /// missing or changed stops the channel instead of giving the post room a wrong manifest.
    /// </summary>
    public required IReadOnlyDictionary<string, BatchSealed> SealedBatches { get; init; }
    /// <summary>Most letters in one batch file; a batch is also closed by CompleteAsync.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>Pad every letter to an even page count with a blank page, so duplex printing never puts the first
    /// page of one letter on the back of the previous letter's last sheet.</summary>
    public bool PadToEvenPages { get; init; } = true;
    /// <summary>The envelope (notice.yaml <c>envelope</c>): letters needing more sheets are flagged over capacity.</summary>
    public Envelope Envelope { get; init; } = Envelope.Default;
    /// <summary>
    /// Sheets are counted for duplex printing (two pages a sheet), the default for batches; a post room that prints
    /// simplex (<c>--simplex</c>) uses one sheet per page, which this count does not know about.
    /// </summary>
    public bool Duplex { get; init; } = true;
}
