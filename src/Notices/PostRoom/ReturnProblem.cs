namespace Notices.PostRoom;

/// <summary>Why one returned letter was not recorded; one English sentence with ids only.</summary>
public sealed record ReturnProblem(ReturnRequest Request, string Reason);
