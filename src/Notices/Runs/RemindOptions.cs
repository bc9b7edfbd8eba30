namespace Notices.Runs;

public sealed record RemindOptions
{
    public required string OutputDirectory { get; init; }
    /// <summary>The day the round is run as of; reminders are dated with it.</summary>
    public required DateOnly AsOf { get; init; }
    /// <summary>Days after the last contact before a patient who has not answered is reminded (at least 1).</summary>
    public required int AfterDays { get; init; }
    public int RenderWorkers { get; init; } = Environment.ProcessorCount;
    public int PrintBatchSize { get; init; } = 500;
    public Delivery.Smtp.SmtpSettings? Smtp { get; init; }
    /// <summary>Re-send uncertain reminder emails with their recorded Message-ID.</summary>
    public bool ResendUncertain { get; init; }
    /// <summary>Whether the package must be the latest approved one (the commands: Required, or Overridden with --unapproved).</summary>
    public Approvals.ApprovalPolicy Approval { get; init; } = Approvals.ApprovalPolicy.NotChecked;
    /// <summary>The package's SHA-256 taken before the command read it; the run refuses when the package hashes otherwise now.</summary>
    public string? PackageSha256AtLoad { get; init; }
}
