using Notices.Campaigns;
using Notices.Ledger;

namespace Notices.Runs;

/// <summary>The letters one run hands to <see cref="LetterDelivery"/>, with how to make them and where they go.</summary>
public sealed record DeliveryRequest
{
    public required NoticePackage Notice { get; init; }
    public required IDeliveryComposer Composer { get; init; }
    public required IReadOnlyList<LetterWorkItem> Work { get; init; }
    public required CampaignPaths Paths { get; init; }
    /// <summary>The run's ledger writer (the run flushes and disposes it).</summary>
    public required LedgerWriter Ledger { get; init; }
    public int RenderWorkers { get; init; } = Environment.ProcessorCount;
    public int PrintBatchSize { get; init; } = 500;
    /// <summary>Send email through this SMTP server; null writes .eml files to the pickup directory.</summary>
    public Delivery.Smtp.SmtpSettings? Smtp { get; init; }
    /// <summary>The notice package's SHA-256; every LetterRendered carries it.</summary>
    public string? PackageSha256 { get; init; }
}
