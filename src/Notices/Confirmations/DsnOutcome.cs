namespace Notices.Confirmations;

/// <summary>What a delivery report or bounce says happened to the email.</summary>
public enum DsnOutcome
{
    /// <summary>Action delivered, relayed or expanded: recorded as EmailDelivered.</summary>
    Delivered,
    /// <summary>Action delayed: recorded as EmailDelayed; the server keeps trying.</summary>
    Delayed,
    /// <summary>Action failed, or a plain bounce: recorded as EmailBounced.</summary>
    Failed,
}
