namespace Notices.Runs;

public enum PrintOutcome
{
    /// <summary>Every sealed batch of the campaign has a completed job.</summary>
    AllPrinted,
    /// <summary>Nothing was submitted: the queue is missing, stopped or not accepting, or CUPS did not answer.</summary>
    QueueNotReady,
    /// <summary>Some batch is still submitted (timeout, CUPS gone mid-run) or its job failed; a later run continues.</summary>
    NotAllPrinted,
}
