namespace Notices.Runs;

public sealed record SendOptions
{
    public required string OutputDirectory { get; init; }
    /// <summary>Date printed on new letters; null means the notice's date, else today.</summary>
    public DateOnly? LetterDate { get; init; }
    /// <summary>Letters rendered in parallel; defaults to the number of cores.</summary>
    public int RenderWorkers { get; init; } = Environment.ProcessorCount;
    /// <summary>Letters per print batch file.</summary>
    public int PrintBatchSize { get; init; } = 500;
    /// <summary>Send email through this SMTP server; null writes .eml files to the pickup directory instead.</summary>
    public Delivery.Smtp.SmtpSettings? Smtp { get; init; }
    /// <summary>Re-send uncertain SMTP letters (intent recorded, outcome unknown) with their recorded Message-ID.</summary>
    public bool ResendUncertain { get; init; }
    /// <summary>Whether the package must be the latest approved one (the commands: Required, or Overridden with --unapproved).</summary>
    public Approvals.ApprovalPolicy Approval { get; init; } = Approvals.ApprovalPolicy.NotChecked;
    /// <summary>The package's SHA-256 taken before the command read it; the run refuses when the package hashes otherwise now.</summary>
    public string? PackageSha256AtLoad { get; init; }
}
