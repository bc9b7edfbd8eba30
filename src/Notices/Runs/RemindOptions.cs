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
}
