namespace Notices.Reports;

/// <summary>How far delivery got for one affected patient, as the effectiveness-check report counts it.</summary>
public enum ReachCategory
{
    /// <summary>Email handed over and a delivery report (DSN) confirmed delivery.</summary>
    EmailConfirmed,
    /// <summary>Email written to the pickup directory or accepted by the server; no delivery report.</summary>
    EmailAcceptedOnly,
    /// <summary>In a sealed print batch, printed or posted.</summary>
    Post,
    Unreachable,
    Failed,
    /// <summary>A run stopped while handing the email over: it may or may not have gone out.</summary>
    Uncertain,
    /// <summary>Nothing handed over yet.</summary>
    Pending,
}
