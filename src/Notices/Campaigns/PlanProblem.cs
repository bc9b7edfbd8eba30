namespace Notices.Campaigns;

/// <summary>Something in a plan that RA should look at. Names ids only, never names or addresses.</summary>
public sealed record PlanProblem(string PatientId, string LetterId, PlanProblemKind Kind, string Message);
