namespace Notices.Reports;

/// <summary>An affected patient the campaign has not reached, by id only, with why.</summary>
public sealed record UnreachedPatient(string LetterId, string PatientId, ReachCategory Category, UnreachedReason Reason);
