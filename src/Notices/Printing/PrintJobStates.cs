namespace Notices.Printing;

public static class PrintJobStates
{
    /// <summary>Canceled, aborted and completed are final: CUPS will not print the job any more.</summary>
    public static bool IsFinal(this PrintJobState state) =>
        state is PrintJobState.Canceled or PrintJobState.Aborted or PrintJobState.Completed;

    /// <summary>The IPP keyword, as <c>lpstat</c> and the ledger show it (e.g. <c>processing-stopped</c>).</summary>
    public static string Keyword(this PrintJobState state) => state switch
    {
        PrintJobState.Pending => "pending",
        PrintJobState.PendingHeld => "pending-held",
        PrintJobState.Processing => "processing",
        PrintJobState.ProcessingStopped => "processing-stopped",
        PrintJobState.Canceled => "canceled",
        PrintJobState.Aborted => "aborted",
        PrintJobState.Completed => "completed",
        _ => "unknown",
    };
}
