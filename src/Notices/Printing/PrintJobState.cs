namespace Notices.Printing;

/// <summary>IPP job-state (RFC 8011, 5.3.7), with CUPS's numbers.</summary>
public enum PrintJobState
{
    Pending = 3,
    PendingHeld = 4,
    Processing = 5,
    ProcessingStopped = 6,
    Canceled = 7,
    Aborted = 8,
    Completed = 9,
}
